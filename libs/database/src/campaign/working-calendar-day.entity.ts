import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A CST date that overrides the weekday rule: a public holiday (休) or a make-up working day (调休上班). */
@Entity({ name: 'working_calendar_day' })
export class WorkingCalendarDay {
  /** YYYY-MM-DD (a Postgres date, read as text). */
  @PrimaryColumn('date') day!: string;
  @Column('text') kind!: 'holiday' | 'workday';
  @Column('text') name!: string;
  @Column({ name: 'updated_by', type: 'text' }) updatedBy!: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
