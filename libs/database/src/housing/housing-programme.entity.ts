import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { EscalationStep } from '../../../domain/src/escalation/ladder';
import type { ProgrammeRules } from '../../../domain/src/housing/programme-rules';

/** A housing-repair programme (危房改造年度任务): its households share these rules. */
@Entity({ name: 'housing_programme' })
export class HousingProgramme {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column({ name: 'housing_bureau', type: 'text' }) housingBureau!: string;
  @Column({ name: 'stage_deadlines', type: 'jsonb' }) stageDeadlines!: ProgrammeRules['stageDeadlines'];
  @Column({ name: 'notice_periods', type: 'jsonb' }) noticePeriods!: ProgrammeRules['noticePeriods'];
  @Column({ name: 'stall_after', type: 'text' }) stallAfter!: string;
  @Column({ name: 'payment_due_after', type: 'text' }) paymentDueAfter!: string;
  @Column({ name: 'timer_jitter', type: 'text' }) timerJitter!: string;
  @Column('jsonb') ladder!: EscalationStep[];
  @Column({ name: 'created_by', type: 'text' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
