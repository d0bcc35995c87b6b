import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A message for one person (an escalation that concerns them), delivered in-app and to the webhook. */
@Entity({ name: 'notification' })
export class Notification {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'recipient_id', type: 'uuid' }) recipientId!: string;
  /** Makes a retried write a no-op: one notification per recipient and cause. */
  @Column({ name: 'dedupe_key', type: 'text' }) dedupeKey!: string;
  @Column('text') kind!: string;
  @Column('text') title!: string;
  @Column('text') body!: string;
  @Column('text') subject!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true }) readAt!: Date | null;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
  @Column({ name: 'delivery_attempts', type: 'int' }) deliveryAttempts!: number;
  @Column({ name: 'last_delivery_error', type: 'text', nullable: true }) lastDeliveryError!: string | null;
}
