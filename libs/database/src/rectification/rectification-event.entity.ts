import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One entry of an item's timeline: the change that produced state `version`. */
@Entity({ name: 'rectification_event' })
export class RectificationEvent {
  @PrimaryColumn({ name: 'item_id', type: 'uuid' }) itemId!: string;
  @PrimaryColumn('int') version!: number;
  @Column('timestamptz') at!: Date;
  @Column('text') type!: string;
  @Column({ name: 'actor_id', type: 'text' }) actorId!: string;
  @Column({ name: 'actor_name', type: 'text' }) actorName!: string;
  @Column('text') summary!: string;
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('jsonb') data!: Record<string, unknown>;
}
