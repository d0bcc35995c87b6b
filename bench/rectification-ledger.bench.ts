/**
 * Benchmark: register N rectification items (default 2,000) through the XLSX import, then publish
 * and render a bulletin; then give some items long histories of progress reports and time a
 * command on each once the worker's cache (WORKER_CACHE, smaller than N) has evicted it. Prints
 * figures; not a test. Usage: npm run bench:ledger [-- N]
 */
import { Client, Connection } from '@temporalio/client';
import ExcelJS from 'exceljs';
import {
  itemStateQuery,
  rectificationWorkflowId,
} from '../libs/contracts/src/rectification/rectification-item';
import { HISTORY_BOUND } from '../workflows/rectification/rectification-item.workflow';
import { call, login as signIn, percentile, timed } from './bench-http';
import { memoryFigures, temporalFigure, startLocalSystem } from './local-system';
import { runBenchmark } from './report';

const ITEMS = Number(process.argv[2] ?? 2000);
/** The worker's workflow cache: a quarter of the items, so most commands meet an evicted item. */
const WORKER_CACHE = Math.max(50, Math.floor(ITEMS / 4));
/** Items per history length measured, and the progress reports that give each length. */
const SAMPLES = 10;
const HISTORY_SHAPES = [
  { label: '≈ 100 events', reports: 7 },
  // a progress report adds 13 events to a history of about 15: just under the bound
  {
    label: `≈ ${HISTORY_BOUND - 50} events (the bound is ${HISTORY_BOUND})`,
    reports: Math.round((HISTORY_BOUND - 65) / 13),
  },
];
const UNITS = 20;
const ADMIN_PASSWORD = 'bench-admin-password';

async function main(): Promise<void> {
  console.log(`starting Postgres, Temporal, the worker and the API …`);
  const system = await startLocalSystem(ADMIN_PASSWORD, {
    WORKER_MAX_CACHED_WORKFLOWS: String(WORKER_CACHE),
  });
  try {
    const { api } = system;
    const login = (username: string, password: string) => signIn(api, username, password);
    const admin = await login('admin', ADMIN_PASSWORD);
    await call(api, 'POST', '/units', admin, { code: 'county', name: '示范县', kind: 'county' });
    for (let u = 1; u <= UNITS; u++) {
      await call(api, 'POST', '/units', admin, {
        code: `t${u}`,
        name: `第${u}镇`,
        kind: 'township',
        parentCode: 'county',
      });
      await call(api, 'POST', '/users', admin, {
        username: `dept${u}`,
        displayName: `第${u}镇干部`,
        unitCode: `t${u}`,
        roles: ['department'],
        password: 'bench-password-1',
      });
    }
    await call(api, 'POST', '/users', admin, {
      username: 'inspector',
      displayName: '督查员',
      unitCode: 'county',
      roles: ['inspector', 'command-center'],
      password: 'bench-password-1',
    });
    const inspector = await login('inspector', 'bench-password-1');
    const ledger = await call<{ id: string }>(api, 'POST', '/ledgers', inspector, {
      name: '基准测试台账',
      source: '基准测试',
    });

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('整改台账');
    sheet.addRow([
      '问题描述',
      '问题来源',
      '问题类别',
      '问题分析',
      '整改措施',
      '责任单位编码',
      '责任人用户名',
      '验收人用户名',
      '基本整改到位期限',
      '全面整改到位期限',
    ]);
    for (let i = 1; i <= ITEMS; i++) {
      const u = (i % UNITS) + 1;
      sheet.addRow([
        `问题 ${i}`,
        '基准测试',
        '资金管理',
        '分析',
        '1. 措施一\n2. 措施二',
        `t${u}`,
        `dept${u}`,
        'inspector',
        '2099-05-15',
        '2099-05-31',
      ]);
    }
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const form = new FormData();
    form.append('file', new Blob([file]), 'bench.xlsx');
    const [, importMs] = await timed(async () => {
      const response = await fetch(`${api}/ledgers/${ledger.id}/workbook/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${inspector}` },
        body: form,
      });
      if (!response.ok) throw new Error(`import: ${response.status} ${await response.text()}`);
    });
    const [bulletin, publishMs] = await timed(() =>
      call<{ id: string }>(api, 'POST', `/ledgers/${ledger.id}/bulletins`, inspector),
    );
    const [, jsonMs] = await timed(() => call(api, 'GET', `/bulletins/${bulletin.id}`, inspector));
    const [, xlsxMs] = await timed(() => call(api, 'GET', `/bulletins/${bulletin.id}/xlsx`, inspector));
    const [, htmlMs] = await timed(() => call(api, 'GET', `/bulletins/${bulletin.id}/html`, inspector));
    const [, listMs] = await timed(() =>
      call(api, 'GET', `/rectifications?ledger=${ledger.id}&overdue=false&pageSize=50`, inspector),
    );

    const history = await historyFigures(api, system.temporalAddress, ledger.id);

    const figures = [
      ['items registered (XLSX import, one workflow each)', `${ITEMS}`],
      ['worker workflow cache (WORKER_MAX_CACHED_WORKFLOWS)', `${WORKER_CACHE}`],
      ...history,
      ['import time', `${(importMs / 1000).toFixed(1)} s (${Math.round(ITEMS / (importMs / 1000))} items/s)`],
      ['bulletin published on demand', `${Math.round(publishMs)} ms`],
      [
        'bulletin served as JSON / XLSX / HTML',
        `${Math.round(jsonMs)} / ${Math.round(xlsxMs)} / ${Math.round(htmlMs)} ms`,
      ],
      ['item list, first page of 50 with filters', `${Math.round(listMs)} ms`],
      temporalFigure(system),
      ...memoryFigures(system),
    ];
    console.log('\nrectification ledger benchmark');
    for (const [name, value] of figures) console.log(`  ${name.padEnd(52)} ${value}`);
  } finally {
    await system.stop();
  }
}

/**
 * Long histories: SAMPLES items per shape get that many progress reports, the worker's cache is
 * then filled with other items (a state query each), and one more report on each long item is
 * timed: the worker replays its whole history first.
 */
async function historyFigures(
  api: string,
  temporalAddress: string,
  ledgerId: string,
): Promise<Array<[string, string]>> {
  const connection = await Connection.connect({ address: temporalAddress });
  const temporal = new Client({ connection });
  try {
    const items: Array<{ id: string; responsibleUnit: string }> = [];
    const inspector = await signIn(api, 'inspector', 'bench-password-1');
    for (let page = 1; items.length < ITEMS; page++) {
      const body = await call<{ items: Array<{ id: string; responsibleUnit: string }> }>(
        api,
        'GET',
        `/rectifications?ledger=${ledgerId}&pageSize=500&page=${page}`,
        inspector,
      );
      if (body.items.length === 0) break;
      items.push(...body.items);
    }
    const tokens = new Map<string, string>();
    const tokenOf = async (unit: string) => {
      if (!tokens.has(unit)) tokens.set(unit, await signIn(api, `dept${unit.slice(1)}`, 'bench-password-1'));
      return tokens.get(unit)!;
    };
    const report = async (item: { id: string; responsibleUnit: string }, note: string) =>
      call(api, 'POST', `/rectifications/${item.id}/progress`, await tokenOf(item.responsibleUnit), { note });
    const describe = (itemId: string) =>
      temporal.workflow.getHandle(rectificationWorkflowId(ledgerId, itemId)).describe();

    const shapes = HISTORY_SHAPES.map((shape, i) => ({
      ...shape,
      items: items.slice(i * SAMPLES, (i + 1) * SAMPLES),
    }));
    const bytesPerReport: number[] = [];
    for (const shape of shapes)
      for (const item of shape.items) {
        const before = await describe(item.id);
        for (let r = 1; r <= shape.reports; r++)
          await report(item, `第${r}次整改进展：已完成排查，正在落实整改措施。`);
        const after = await describe(item.id);
        // a run that continued as new meanwhile started a new history: not a measure of growth
        if (after.runId === before.runId)
          bytesPerReport.push(((after.historySize ?? 0) - (before.historySize ?? 0)) / shape.reports);
      }
    const lengths = await Promise.all(shapes.map(async (s) => (await describe(s.items[0].id)).historyLength));
    // Fill the cache with other items: the long ones are evicted.
    const others = items.slice(shapes.length * SAMPLES, shapes.length * SAMPLES + WORKER_CACHE + 50);
    for (let i = 0; i < others.length; i += 20)
      await Promise.all(
        others
          .slice(i, i + 20)
          .map((item) =>
            temporal.workflow.getHandle(rectificationWorkflowId(ledgerId, item.id)).query(itemStateQuery),
          ),
      );
    const rows: Array<[string, string]> = [];
    for (const [i, shape] of shapes.entries()) {
      const times: number[] = [];
      for (const item of shape.items) times.push((await timed(() => report(item, '再次报告进展')))[1]);
      rows.push([
        `command on an evicted item, history ${lengths[i]} events`,
        `p50 ${percentile(times, 0.5).toFixed(0)} ms, p95 ${percentile(times, 0.95).toFixed(0)} ms`,
      ]);
    }
    rows.push([
      'history bytes per progress report',
      `${percentile(bytesPerReport, 0.5).toFixed(0)} B (median of ${bytesPerReport.length} items, ${shapes[0].reports} or ${shapes[1].reports} reports each)`,
    ]);
    return rows;
  } finally {
    await connection.close();
  }
}

runBenchmark(main);
