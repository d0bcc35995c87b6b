import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One end-to-end check of the running system: the API started a workflow, the workflow ran an
 * activity on the worker, and the activity wrote this row. Operators run it after a deployment.
 */
@Entity({ name: 'diagnostic_round_trip' })
export class RoundTripCheck {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({
    name: 'recorded_by',
    type: 'text',
    comment: 'identity of the worker whose activity wrote the row',
  })
  recordedBy!: string;
}
