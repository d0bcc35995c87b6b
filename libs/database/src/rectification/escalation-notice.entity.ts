import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A numbered notice an escalation issued (催办单〔2026〕第3号 …), and a leader's decision where one is due. */
@Entity({ name: 'escalation_notice' })
export class EscalationNotice {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'item_id', type: 'uuid' }) itemId!: string;
  @Column('int') level!: number;
  /** How many times the ladder was re-armed (extensions, reopenings) before this notice. */
  @Column('int') arming!: number;
  @Column('text') kind!: string;
  @Column('text') label!: string;
  @Column({ name: 'notice_kind', type: 'text' }) noticeKind!: string;
  @Column('text', { nullable: true }) colour!: string | null;
  /** The issuing office's unit code ('' the default office): its number sequence. */
  @Column({ name: 'issuing_unit', type: 'text' }) issuingUnit!: string;
  @Column('int') year!: number;
  @Column('int') serial!: number;
  @Column({ name: 'leader_must_act', type: 'boolean' }) leaderMustAct!: boolean;
  @Column({ name: 'leader_decision', type: 'text', nullable: true }) leaderDecision!: string | null;
  @Column({ name: 'decided_by', type: 'text', nullable: true }) decidedBy!: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ name: 'issued_at', type: 'timestamptz' }) issuedAt!: Date;
}
