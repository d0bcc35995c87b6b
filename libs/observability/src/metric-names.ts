/**
 * Every metric name the processes export, in one place: the API's registry is built from these,
 * and the Grafana dashboard and the Prometheus alert rules in deploy/ may name only these (a unit
 * test checks both files against this module).
 */

/** The prefix of the API process's own metrics (prom-client's defaults: memory, CPU, event loop). */
export const API_PROCESS_PREFIX = 'campaign_api_';

/** The API's own metrics (prom-client), served on METRICS_PORT. */
export const API_METRICS = {
  /** Histogram, labels `method`, `route` (the route pattern, `/api/ledgers/:id`), `status`. */
  httpRequestDuration: 'campaign_http_request_duration_seconds',
  /** Of the process's default metrics, those the dashboard shows (the API serves all of them). */
  residentMemory: `${API_PROCESS_PREFIX}process_resident_memory_bytes`,
  eventLoopLagP99: `${API_PROCESS_PREFIX}nodejs_eventloop_lag_p99_seconds`,
  cpuSeconds: `${API_PROCESS_PREFIX}process_cpu_seconds_total`,
} as const;

/**
 * Business gauges, computed from the read model when scraped (cached METRICS_CACHE_SECONDS),
 * served with the API's metrics.
 */
export const BUSINESS_METRICS = {
  /** Open rectification items, label `status` (rectifying, basic-done, submitted). */
  itemsOpen: 'campaign_rectification_items_open',
  /** Open items past their full deadline (plus paused time), not paused. */
  itemsOverdue: 'campaign_rectification_items_overdue',
  /** Open items by escalation level, label `level` (1 and up). */
  itemsEscalated: 'campaign_rectification_items_escalated',
  /** Campaign tasks not accepted yet (groups aside), label `status` (in-progress, submitted). */
  tasksOpen: 'campaign_tasks_open',
  /** Campaign tasks not accepted yet by escalation level, label `level` (1 and up). */
  tasksEscalated: 'campaign_tasks_escalated',
  /** Households by pipeline stage, label `stage`. */
  households: 'campaign_households',
  /** Households in a pipeline by escalation level, label `level` (1 and up). */
  householdsEscalated: 'campaign_households_escalated',
  /** Households whose subsidy the gateway refused for good, waiting for a person to retry it. */
  paymentsRefused: 'campaign_subsidy_payments_refused',
  /** Household imports still starting pipelines. */
  importsRunning: 'campaign_household_imports_running',
  /** Households of running imports whose pipelines have not started yet. */
  importHouseholdsWaiting: 'campaign_household_import_households_waiting',
  /** Bulk batches not finished. */
  batchesRunning: 'campaign_batches_running',
  /** Items of unfinished batches not yet done, label `result` (pending). */
  batchItemsPending: 'campaign_batch_items_pending',
} as const;

/**
 * What the Temporal runtime exports from the worker (WORKER_METRICS_PORT), with the options the
 * worker sets (prefix `temporal_`, counters with `_total`, durations in seconds). Only the ones
 * the dashboard and the alerts use are listed; the runtime exports more. Counters of failures
 * appear once the first failure is counted; test/observability.e2e-spec.ts checks the others.
 */
export const TEMPORAL_WORKER_METRICS = {
  /** Gauge, label `worker_type` (WorkflowWorker, ActivityWorker, LocalActivityWorker). */
  taskSlotsAvailable: 'temporal_worker_task_slots_available',
  taskSlotsUsed: 'temporal_worker_task_slots_used',
  /** Gauge, label `poller_type`: pollers waiting on the task queue (0 or absent: no worker polling). */
  numPollers: 'temporal_num_pollers',
  /** Histogram: how long workflow tasks waited on the task queue (backlog). */
  workflowTaskScheduleToStart: 'temporal_workflow_task_schedule_to_start_latency',
  /** Histogram: how long activity tasks waited on the task queue. */
  activityScheduleToStart: 'temporal_activity_schedule_to_start_latency',
  workflowTaskExecutionLatency: 'temporal_workflow_task_execution_latency',
  /** Counter, label `workflow_type`, `failure_reason`. */
  workflowTaskFailed: 'temporal_workflow_task_execution_failed_total',
  /** Counter, label `activity_type`: the projections into the read model are activities. */
  activityFailed: 'temporal_activity_execution_failed_total',
  activityExecutionLatency: 'temporal_activity_execution_latency',
  workflowCompleted: 'temporal_workflow_completed_total',
  workflowFailed: 'temporal_workflow_failed_total',
  stickyCacheSize: 'temporal_sticky_cache_size',
} as const;

/** Histograms: Prometheus serves each as `<name>_bucket`, `<name>_sum` and `<name>_count`. */
const HISTOGRAMS: readonly string[] = [
  API_METRICS.httpRequestDuration,
  TEMPORAL_WORKER_METRICS.workflowTaskScheduleToStart,
  TEMPORAL_WORKER_METRICS.activityScheduleToStart,
  TEMPORAL_WORKER_METRICS.workflowTaskExecutionLatency,
  TEMPORAL_WORKER_METRICS.activityExecutionLatency,
];

/** Series Prometheus makes itself for every target (`up{job=…}`). */
export const PROMETHEUS_SERIES = ['up'] as const;

/** Every series name a query may use: the metrics above (histograms with their suffixes) and `up`. */
export function exportedSeriesNames(): Set<string> {
  const names = new Set<string>(PROMETHEUS_SERIES);
  for (const name of [
    ...Object.values(API_METRICS),
    ...Object.values(BUSINESS_METRICS),
    ...Object.values(TEMPORAL_WORKER_METRICS),
  ]) {
    names.add(name);
    if (HISTOGRAMS.includes(name))
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
  }
  return names;
}
