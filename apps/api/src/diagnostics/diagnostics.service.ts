import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { roundTripWorkflowId } from '../../../../libs/contracts/src/diagnostics/round-trip';
import { ProcessKind } from '../../../../libs/contracts/src/search-attributes';
import { Environment } from '../../../../libs/config/src/environment';
import { RoundTripQueries } from '../../../../libs/database/src/diagnostics/round-trip.queries';
import { TEMPORAL_CLIENT } from '../../../../libs/temporal/src/temporal.tokens';
import type { diagnosticRoundTripWorkflow } from '../../../../workflows/diagnostics/round-trip.workflow';
import { boundedWorkflowCall } from '../common/workflow-wait';
import { DiagnosticsErrors } from './diagnostics.errors';
import { RoundTripStarted, RoundTripView } from './dto/round-trip.dto';

@Injectable()
export class DiagnosticsService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly checks: RoundTripQueries,
    private readonly env: Environment,
  ) {}

  async startRoundTrip(): Promise<RoundTripStarted> {
    const id = randomUUID();
    const handle = await boundedWorkflowCall(this.temporal, this.env.COMMAND_WAIT_SECONDS, () =>
      this.temporal.workflow.start<typeof diagnosticRoundTripWorkflow>('diagnosticRoundTripWorkflow', {
        taskQueue: this.env.TEMPORAL_TASK_QUEUE,
        workflowId: roundTripWorkflowId(id),
        args: [{ checkId: id, requestedAt: new Date().toISOString() }],
        typedSearchAttributes: new TypedSearchAttributes([{ key: ProcessKind, value: 'diagnostic' }]),
      }),
    );
    return { id, workflowId: handle.workflowId, location: `/api/diagnostics/round-trips/${id}` };
  }

  async findRoundTrip(id: string): Promise<RoundTripView> {
    const row = await this.checks.check(id);
    if (!row) throw DiagnosticsErrors.error('ROUND_TRIP_NOT_RECORDED');
    return {
      id: row.id,
      workflowId: row.workflowId,
      requestedAt: row.requestedAt.toISOString(),
      recordedAt: row.recordedAt.toISOString(),
      recordedBy: row.recordedBy,
    };
  }
}
