/**
 * Benchmark: register N rectification items (default 2,000) through the XLSX import, then publish
 * and render a bulletin. Prints figures; not a test. Usage: npm run bench:ledger [-- N]
 */
import ExcelJS from 'exceljs';
import { call, login as signIn, timed } from './bench-http';
import { memoryFigures, startLocalSystem } from './local-system';

const ITEMS = Number(process.argv[2] ?? 2000);
const UNITS = 20;
const ADMIN_PASSWORD = 'bench-admin-password';

async function main(): Promise<void> {
  console.log(`starting Postgres, Temporal (SQLite, WAL), the worker and the API …`);
  const system = await startLocalSystem(ADMIN_PASSWORD);
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

    const figures = [
      ['items registered (XLSX import, one workflow each)', `${ITEMS}`],
      ['import time', `${(importMs / 1000).toFixed(1)} s (${Math.round(ITEMS / (importMs / 1000))} items/s)`],
      ['bulletin published on demand', `${Math.round(publishMs)} ms`],
      [
        'bulletin served as JSON / XLSX / HTML',
        `${Math.round(jsonMs)} / ${Math.round(xlsxMs)} / ${Math.round(htmlMs)} ms`,
      ],
      ['item list, first page of 50 with filters', `${Math.round(listMs)} ms`],
      ...memoryFigures(system),
    ];
    console.log('\nrectification ledger benchmark');
    for (const [name, value] of figures) console.log(`  ${name.padEnd(52)} ${value}`);
  } finally {
    await system.stop();
  }
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
