import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A numbered escalation notice on a late task or a missing pledge; at most one per subject, level and arming. */
@Entity({ name: 'campaign_escalation' })
export class CampaignEscalation {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId!: string;
  /** `task:<key>` or `pledge:<unit>`. */
  @Column('text') subject!: string;
  @Column('int') level!: number;
  /** Which setting of the deadline the step fired for (an extension re-arms the ladder). */
  @Column('int') arming!: number;
  @Column('text') kind!: string;
  @Column('text') label!: string;
  @Column({ name: 'notice_kind', type: 'text' }) noticeKind!: string;
  @Column({ type: 'text', nullable: true }) colour!: string | null;
  @Column('text') unit!: string;
  @Column({ name: 'issued_at', type: 'timestamptz' }) issuedAt!: Date;
  /** The notice's number (督办单〔2026〕第3号): office ('' the default), year, serial; null before numbering. */
  @Column({ name: 'issuing_unit', type: 'text', nullable: true }) issuingUnit!: string | null;
  @Column({ type: 'int', nullable: true }) year!: number | null;
  @Column({ type: 'int', nullable: true }) serial!: number | null;
  /** A leader's decision on a step that awaits one (约谈, 问责), with who and when. */
  @Column({ name: 'leader_decision', type: 'text', nullable: true }) leaderDecision!: string | null;
  @Column({ name: 'decided_by', type: 'text', nullable: true }) decidedBy!: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
}
