import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  type OpenTelemetrySinks,
} from '@temporalio/interceptors-opentelemetry';
import type { InjectedSinks, WorkerOptions } from '@temporalio/worker';
import type { Tracing } from '../../observability/src/tracing';
import { WORKFLOW_INTERCEPTOR_MODULES } from './workflow-bundle';

/**
 * The `exporter` sink every worker of our bundle registers (its workflow interceptors call it): the
 * workflow spans go to the process's span processor, or nowhere while tracing is off. Workers in
 * tests use it too, else the runtime logs an error for each span the sandbox hands out.
 */
export function workflowTracingSinks(tracing?: Tracing): InjectedSinks<OpenTelemetrySinks> {
  return {
    exporter: tracing
      ? makeWorkflowExporter(tracing.spanProcessor, tracing.resource)
      : { export: { fn: () => undefined } },
  };
}

/**
 * OpenTelemetry in a worker: the span sink, and while tracing is on the workflow interceptors (a
 * traced worker bundles its workflows at start with them, see temporal-worker.service.ts) and the
 * activity interceptors, which continue the workflow's trace in each activity.
 */
export function workerTracingOptions(
  tracing: Tracing | undefined,
): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  return {
    sinks: workflowTracingSinks(tracing),
    interceptors: {
      workflowModules: tracing ? WORKFLOW_INTERCEPTOR_MODULES : [],
      activity: tracing
        ? [
            (ctx) => ({
              inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
              outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
            }),
          ]
        : [],
    },
  };
}
