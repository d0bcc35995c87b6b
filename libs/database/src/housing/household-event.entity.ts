import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One entry of a household's timeline: who did what, when, and why. */
@Entity({ name: 'household_event' })
export class HouseholdEvent {
  @PrimaryColumn({ name: 'household_id', type: 'uuid' }) householdId!: string;
  @PrimaryColumn('int') version!: number;
  @Column('timestamptz') at!: Date;
  @Column('text') type!: string;
  @Column('text') stage!: string;
  @Column({ name: 'actor_id', type: 'text' }) actorId!: string;
  @Column({ name: 'actor_name', type: 'text' }) actorName!: string;
  @Column('text') summary!: string;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column('jsonb') data!: Record<string, unknown>;
}
