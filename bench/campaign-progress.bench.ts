/**
 * Benchmark: the battle map of a launched campaign of 50 tasks (10 task groups of 4 sub-tasks), 10
 * of them linked to rectification ledgers (20 items each) and 10 to housing programmes (100
 * households each), with progress reported on the others. Then N requests (default 500) to
 * GET /api/campaigns/:id/progress, one after another: p50, p95 and max latency and the answer's
 * size. Prints figures; not a test. Usage: npm run bench:campaign [-- N]
 */
import { call, login, percentile, timed, upload } from './bench-http';
import { memoryFigures, temporalFigure, startLocalSystem } from './local-system';
import { printFigures, runBenchmark } from './report';

const REQUESTS = Number(process.argv[2] ?? 500);
const GROUPS = 10;
const SUBTASKS = 4;
const LEDGERS = 10;
const ITEMS_PER_LEDGER = 20;
const PROGRAMMES = 10;
const HOUSEHOLDS_PER_PROGRAMME = 100;
const TOWNSHIPS = 5;
const ADMIN_PASSWORD = 'bench-admin-password';
const PASSWORD = 'bench-password-1';
const DAY = 86_400_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cstDate = (instant: number) => new Date(instant + 8 * 3_600_000).toISOString().slice(0, 10);

async function main(): Promise<void> {
  console.log(`starting Postgres, Temporal, the worker and the API …`);
  const system = await startLocalSystem(ADMIN_PASSWORD);
  try {
    const { api } = system;
    const admin = await login(api, 'admin', ADMIN_PASSWORD);
    const person = async (username: string, unitCode: string, roles: string[]) => {
      const { id } = await call<{ id: string }>(api, 'POST', '/users', admin, {
        username,
        displayName: username,
        unitCode,
        roles,
        password: PASSWORD,
      });
      return { id, token: await login(api, username, PASSWORD) };
    };
    const unit = (code: string, name: string, kind: string, parentCode?: string) =>
      call(api, 'POST', '/units', admin, { code, name, kind, ...(parentCode ? { parentCode } : {}) });

    await unit('county', '示范县', 'county');
    await unit('zjj', '县住建局', 'bureau', 'county');
    const bureaus = Array.from({ length: GROUPS }, (_, i) => `b${i + 1}`);
    const people = new Map<string, { id: string; token: string }>();
    for (const code of bureaus) {
      await unit(code, `第${code.slice(1)}局`, 'bureau', 'county');
      people.set(code, await person(`dept-${code}`, code, ['department']));
    }
    for (let t = 1; t <= TOWNSHIPS; t++) {
      await unit(`t${t}`, `第${t}镇`, 'township', 'county');
      await unit(`v${t}`, `第${t}镇第一村`, 'village', `t${t}`);
    }
    const command = await person('command', 'county', ['command-center', 'inspector']);

    console.log(
      `  ${LEDGERS} ledgers of ${ITEMS_PER_LEDGER} items, ${PROGRAMMES} programmes of ${HOUSEHOLDS_PER_PROGRAMME} households …`,
    );
    const later = (days: number) => new Date(Date.now() + days * DAY).toISOString();
    const ledgers: string[] = [];
    for (let l = 0; l < LEDGERS; l++) {
      const owner = bureaus[l % bureaus.length];
      const { id } = await call<{ id: string }>(api, 'POST', '/ledgers', command.token, {
        name: `基准测试台账${l + 1}`,
        source: '基准测试',
      });
      ledgers.push(id);
      for (let i = 0; i < ITEMS_PER_LEDGER; i++) {
        await call(api, 'POST', `/ledgers/${id}/items`, command.token, {
          problem: `问题${l + 1}-${i + 1}`,
          source: '基准测试',
          category: '资金管理',
          analysis: '审批环节多',
          measures: ['简化审批'],
          responsibleUnit: owner,
          responsiblePersonId: people.get(owner)!.id,
          verifierId: command.id,
          basicDeadline: later(30),
          fullDeadline: later(60),
        });
      }
    }
    const programmes: string[] = [];
    for (let p = 0; p < PROGRAMMES; p++) {
      const { id } = await call<{ id: string }>(api, 'POST', '/housing/programmes', command.token, {
        name: `基准测试危房改造${p + 1}`,
        housingBureau: 'zjj',
        stageDeadlines: { construction: later(60), 'move-in': later(90) },
      });
      programmes.push(id);
      const rows = ['户编号,户主姓名,村编码,乡镇编码,是否建档立卡贫困户,房屋危险等级,计划补助金额（元）'];
      for (let i = 1; i <= HOUSEHOLDS_PER_PROGRAMME; i++) {
        const t = (i % TOWNSHIPS) + 1;
        rows.push(`P${p + 1}-H${i},户主${i},v${t},t${t},是,D,14000`);
      }
      const batch = await upload<{ id: string }>(
        api,
        `/housing/programmes/${id}/imports`,
        command.token,
        'households.csv',
        Buffer.from(rows.join('\n')),
      );
      while (
        (await call<{ status: string }>(api, 'GET', `/housing/imports/${batch.id}`, command.token)).status !==
        'done'
      )
        await sleep(500);
    }

    // 10 groups of 4 sub-tasks: the first sub-task of each group is linked to a ledger, the second to a programme.
    const start = cstDate(Date.now());
    const end = cstDate(Date.now() + 99 * DAY);
    const tasks = bureaus.map((lead, g) => ({
      key: `T${g + 1}`,
      name: `重点任务${g + 1}`,
      lead,
      cooperating: [bureaus[(g + 1) % bureaus.length]],
      deadline: end,
      subtasks: Array.from({ length: SUBTASKS }, (_, s) => ({
        key: `T${g + 1}.${s + 1}`,
        name: `重点任务${g + 1}之${s + 1}`,
        deadline: cstDate(Date.now() + (30 + g * 5 + s) * DAY),
        ...(s === 0 ? { measure: { ledger: ledgers[g] } } : {}),
        ...(s === 1 ? { measure: { programme: programmes[g] }, target: { quantity: 100, unit: '户' } } : {}),
        ...(s === 2 ? { target: { quantity: 1000, unit: '人' } } : {}),
      })),
    }));
    const campaign = await call<{ id: string }>(api, 'POST', '/campaigns', command.token, {
      name: '基准测试攻坚行动',
      window: { start, end },
      goals: [{ key: 'G1', name: '任务完成率', target: 100, unit: '%', tasks: tasks.map((t) => t.key) }],
      tasks,
    });
    const [, launchMs] = await timed(() =>
      call(api, 'POST', `/campaigns/${campaign.id}/launch`, command.token),
    );
    for (let g = 0; g < GROUPS; g++) {
      const lead = people.get(bureaus[g])!.token;
      await call(api, 'POST', `/campaigns/${campaign.id}/tasks/T${g + 1}.3/progress`, lead, {
        quantityDone: 100 * (g + 1),
        narrative: '按月报送',
      });
      await call(api, 'POST', `/campaigns/${campaign.id}/tasks/T${g + 1}.4/progress`, lead, {
        percentDone: 10 * (g + 1),
        narrative: '按月报送',
      });
    }

    const route = `/campaigns/${campaign.id}/progress`;
    const warm = await call<{ tasks: unknown[] }>(api, 'GET', route, command.token);
    if (warm.tasks.length !== GROUPS * (SUBTASKS + 1))
      throw new Error(`expected ${GROUPS * (SUBTASKS + 1)} tasks, got ${warm.tasks.length}`);
    const samples: number[] = [];
    let bytes = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const started = performance.now();
      const response = await fetch(`${api}${route}`, {
        headers: { authorization: `Bearer ${command.token}` },
      });
      const body = await response.arrayBuffer();
      samples.push(performance.now() - started);
      if (!response.ok) throw new Error(`GET ${route}: ${response.status}`);
      bytes = body.byteLength;
    }
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    const figures: Array<[string, string | number]> = [
      ['tasks (groups + sub-tasks)', warm.tasks.length],
      ['linked ledgers × items', `${LEDGERS} × ${ITEMS_PER_LEDGER}`],
      ['linked programmes × households', `${PROGRAMMES} × ${HOUSEHOLDS_PER_PROGRAMME}`],
      ['launch (until tasks listed and pledges open)', ms(launchMs)],
      [`GET progress, ${REQUESTS} requests one after another: p50`, ms(percentile(samples, 0.5))],
      ['p95', ms(percentile(samples, 0.95))],
      ['max', ms(Math.max(...samples))],
      ['response size', `${(bytes / 1024).toFixed(1)} KiB`],
      temporalFigure(system),
      ...memoryFigures(system),
    ];
    console.log('\ncampaign progress benchmark');
    printFigures(figures);
  } finally {
    await system.stop();
  }
}

runBenchmark(main);
