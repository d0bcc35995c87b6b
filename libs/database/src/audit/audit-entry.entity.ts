import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One append-only entry of the audit trail. `hash` covers the entry's canonical serialization and
 * the previous entry's hash, so changing or removing any row breaks the chain (GET /api/audit/verify).
 */
@Entity({ name: 'audit_entry' })
export class AuditEntry {
  /** 1, 2, 3 … with no gaps: assigned under a lock by the appender. */
  @PrimaryColumn('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  seq!: number;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** `user:<id>`, `token:<id>` or `system:<component>`. */
  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  @Column({ name: 'actor_name', type: 'text' })
  actorName!: string;

  @Column({ name: 'actor_unit', type: 'text', nullable: true })
  actorUnit!: string | null;

  @Column({ name: 'actor_roles', type: 'text', array: true })
  actorRoles!: string[];

  /** What happened, e.g. `unit.created`, `user.locked`, `rectification.closed`. */
  @Column('text')
  action!: string;

  /** The object it happened to, `<type>:<id>`, e.g. `unit:county`. */
  @Column('text')
  subject!: string;

  @Column('jsonb', { nullable: true })
  before!: Record<string, unknown> | null;

  @Column('jsonb', { nullable: true })
  after!: Record<string, unknown> | null;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash!: string;

  @Column('text')
  hash!: string;
}
