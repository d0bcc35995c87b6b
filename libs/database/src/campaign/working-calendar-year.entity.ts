import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A year whose holidays are known: working-day arithmetic is refused in any other. */
@Entity({ name: 'working_calendar_year' })
export class WorkingCalendarYear {
  @PrimaryColumn('int') year!: number;
  @Column({ name: 'updated_by', type: 'text' }) updatedBy!: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
