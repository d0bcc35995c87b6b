import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../devstack/src/project-paths';
import { BUSINESS_METRICS, exportedSeriesNames, TEMPORAL_WORKER_METRICS } from './metric-names';
import { metricNamesIn } from './promql-names';

const DASHBOARD = path.join(PROJECT_ROOT, 'deploy', 'grafana', 'campaign-engine.json');
const ALERTS = path.join(PROJECT_ROOT, 'deploy', 'prometheus', 'alerts.yml');

interface Panel {
  title: string;
  targets?: { expr: string }[];
  panels?: Panel[];
}
interface Rule {
  alert: string;
  expr: string;
}

function dashboardQueries(): { where: string; expr: string }[] {
  const dashboard = JSON.parse(fs.readFileSync(DASHBOARD, 'utf8')) as { panels: Panel[] };
  const all = (panels: Panel[]): Panel[] => panels.flatMap((p) => [p, ...all(p.panels ?? [])]);
  return all(dashboard.panels).flatMap((p) =>
    (p.targets ?? []).map((t) => ({ where: p.title, expr: t.expr })),
  );
}

function alertRules(): Rule[] {
  const file = parse(fs.readFileSync(ALERTS, 'utf8')) as { groups: { rules: Rule[] }[] };
  return file.groups.flatMap((g) => g.rules);
}

describe('the Grafana dashboard and the alert rules name only metrics the code exports', () => {
  const known = exportedSeriesNames();
  const unknownIn = (queries: { where: string; expr: string }[]) =>
    queries.flatMap(({ where, expr }) =>
      metricNamesIn(expr)
        .filter((name) => !known.has(name))
        .map((name) => `${where}: ${name}`),
    );

  it('finds the metric names in a query, and nothing else', () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.95, sum by (le, task_queue) (rate(temporal_activity_schedule_to_start_latency_bucket{a="b c"}[$__rate_interval]))) > 5',
      ),
    ).toEqual(['temporal_activity_schedule_to_start_latency_bucket']);
    expect(metricNamesIn('up{job="x"} == 0 or absent(up{job="x"})')).toEqual(['up']);
    expect(metricNamesIn('a - a offset 1d > 10 and on(x) b_total')).toEqual(['a', 'b_total']);
  });

  it('every dashboard query reads exported metrics', () => {
    const queries = dashboardQueries();
    expect(queries.length).toBeGreaterThan(15);
    expect(unknownIn(queries)).toEqual([]);
  });

  it('every alert reads exported metrics', () => {
    const rules = alertRules();
    expect(unknownIn(rules.map((r) => ({ where: r.alert, expr: r.expr })))).toEqual([]);
  });

  it('alerts cover worker down, backlog, workflow-task failures, projection failures, payment refusals, overdue growth', () => {
    const reads = (name: string) =>
      alertRules().some((r) => metricNamesIn(r.expr).some((n) => n.startsWith(name)));
    const expr = (alert: string) => alertRules().find((r) => r.alert === alert)?.expr ?? '';
    expect(expr('CampaignWorkerDown')).toContain('campaign-engine-worker');
    expect(reads(TEMPORAL_WORKER_METRICS.workflowTaskScheduleToStart)).toBe(true);
    expect(reads(TEMPORAL_WORKER_METRICS.workflowTaskFailed)).toBe(true);
    expect(expr('CampaignProjectionFailures')).toContain(TEMPORAL_WORKER_METRICS.activityFailed);
    expect(reads(BUSINESS_METRICS.paymentsRefused)).toBe(true);
    expect(reads(BUSINESS_METRICS.itemsOverdue)).toBe(true);
  });

  it('the dashboard shows every business gauge and the API request histogram', () => {
    const used = new Set(dashboardQueries().flatMap((q) => metricNamesIn(q.expr)));
    for (const name of Object.values(BUSINESS_METRICS))
      expect({ name, used: used.has(name) }).toEqual({ name, used: true });
    expect(used.has('campaign_http_request_duration_seconds_count')).toBe(true);
  });
});
