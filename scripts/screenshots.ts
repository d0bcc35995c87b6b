/**
 * `npm run screenshots`: the console's main pages as PNG files in docs/screenshots/, taken from a
 * throwaway system (embedded Postgres, Temporal dev server, worker, API serving dist/web) seeded
 * through the API with the README's example: examples/campaigns/units.csv and bairi-2018.yaml
 * (moved to run from today), a ledger with a few items, a housing programme with households and a
 * few progress reports.
 *
 * To add a page, add an entry to PAGES: a file name, who is signed in, the path (from the seeded
 * ids), a viewport, and optionally a selector to wait for.
 *
 * DOCUMENTS are the printable pages people read (公文格式: a ledger bulletin, a 督办单), fetched
 * from the API with a bearer token and rendered at A4 width (794 px at 96 dpi) with setContent.
 * Chinese text needs a CJK font on the machine (Debian: apt-get install fonts-noto-cjk).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { call, login, upload } from '../bench/bench-http';
import { startLocalSystem, type LocalSystem } from '../bench/local-system';
import { launchBrowser, signInWithForm } from '../libs/devstack/src/chromium';
import { PROJECT_ROOT } from '../libs/devstack/src/project-paths';

const ADMIN_PASSWORD = 'screenshots-admin-password';
const PASSWORD = 'change-me-please-1';
const OUT_DIR = path.join(PROJECT_ROOT, 'docs', 'screenshots');
const DAY = 86_400_000;

/** What the seed made, for the pages' paths. */
interface Seeded {
  campaignId?: string;
  ledgerId?: string;
  itemId?: string;
  programmeId?: string;
  /** The households' import (its progress on the programme's desk). */
  importId?: string;
  /** A published ledger bulletin (GET /api/bulletins/:id/html). */
  bulletinId?: string;
  /** An escalation notice's printable page (督办单): GET /api/rectifications/:id/notices/:noticeId/html. */
  noticeHtml?: string;
}

type Person = 'admin' | 'zhb' | 'wjj1' | 'leader' | 'cgz1' | 'dc1';

interface ScreenshotPage {
  /** docs/screenshots/<file>.png */
  file: string;
  /** Signed in as (null: signed out). */
  as: Person | null;
  path: (seeded: Seeded) => string | undefined;
  viewport: { width: number; height: number };
  /** Waited for before the picture (besides the spinners going away). */
  waitFor?: string;
  fullPage?: boolean;
  /** Done on the page before the picture (open a dialog …). */
  act?: (page: Page) => Promise<void>;
}

const DESKTOP = { width: 1440, height: 900 };

/** The pages, in order. Helpers: add yours here. */
export const PAGES: ScreenshotPage[] = [
  { file: 'login', as: null, path: () => '/login', viewport: DESKTOP },
  {
    file: 'battle-map',
    as: 'zhb',
    path: (s) => s.campaignId && `/campaigns/${s.campaignId}`,
    viewport: DESKTOP,
    waitFor: '[data-testid="task-table"] tr[data-row-key="T5.1"]',
    fullPage: true,
  },
  {
    file: 'wall-display',
    as: 'leader',
    path: (s) => s.campaignId && `/wall/${s.campaignId}`,
    viewport: { width: 1920, height: 1080 },
    waitFor: '[data-testid="wall-display"] [data-testid="live-state"][data-state="live"]',
  },
  {
    file: 'todo-phone',
    as: 'wjj1',
    path: () => '/todo',
    viewport: { width: 375, height: 812 },
    fullPage: true,
  },
  {
    file: 'rectification-item-phone',
    as: 'wjj1',
    path: (s) => s.itemId && `/rectifications/${s.itemId}`,
    viewport: { width: 375, height: 812 },
    waitFor: 'form[aria-label="报送进展"]',
    fullPage: true,
  },
  {
    file: 'household-table',
    as: 'zhb',
    path: (s) => s.programmeId && `/households?programme=${s.programmeId}`,
    viewport: DESKTOP,
    waitFor: 'main tbody tr[data-row-key]',
  },
  {
    file: 'household-table-phone',
    as: 'cgz1',
    path: (s) => s.programmeId && `/households?programme=${s.programmeId}`,
    viewport: { width: 375, height: 812 },
    waitFor: 'main tbody tr[data-row-key]',
    fullPage: true,
  },
  {
    file: 'programme-overview',
    as: 'leader',
    path: (s) => s.programmeId && `/housing/${s.programmeId}`,
    viewport: DESKTOP,
    waitFor: '[data-testid="township-table"] tbody tr[data-row-key]',
    fullPage: true,
  },
  {
    file: 'ledger-overview',
    as: 'leader',
    path: (s) => s.ledgerId && `/ledgers/${s.ledgerId}`,
    viewport: DESKTOP,
    waitFor: '[data-testid="by-status-table"] tbody tr[data-row-key]',
    fullPage: true,
  },
  {
    file: 'leader-queue',
    as: 'leader',
    path: () => '/leader-queue',
    viewport: DESKTOP,
    waitFor: '[data-testid="leader-queue-table"]',
  },
  {
    file: 'plan-editor',
    as: 'zhb',
    path: (s) => s.campaignId && `/campaigns/${s.campaignId}/plan`,
    viewport: DESKTOP,
    waitFor: '[data-testid="preview-tasks"] tr[data-row-key="T5.1"]',
    fullPage: true,
  },
  {
    file: 'programme-new',
    as: 'zhb',
    path: () => '/housing/new',
    viewport: DESKTOP,
    waitFor: '[data-testid="ladder-step-1"]',
    fullPage: true,
  },
  {
    file: 'programme-desk',
    as: 'zhb',
    path: (s) =>
      s.programmeId && `/housing/${s.programmeId}/desk${s.importId ? `?import=${s.importId}` : ''}`,
    viewport: DESKTOP,
    waitFor: '[data-testid="monthly-report-table"] tbody tr[data-row-key]',
    fullPage: true,
  },
  {
    file: 'household-bulk-step',
    as: 'zhb',
    path: (s) => s.programmeId && `/households?programme=${s.programmeId}`,
    viewport: DESKTOP,
    waitFor: 'main tbody tr[data-row-key]',
    act: async (page) => {
      const rows = page.getByRole('main').locator('tbody tr[data-row-key]');
      for (const i of [0, 1, 2]) await rows.nth(i).getByRole('checkbox').check();
      await page.getByRole('button', { name: '批量办理' }).click();
      await page.getByRole('dialog').waitFor();
    },
  },
  {
    file: 'ledger-desk',
    as: 'zhb',
    path: (s) => s.ledgerId && `/ledgers/${s.ledgerId}`,
    viewport: DESKTOP,
    waitFor: '[data-testid="item-table"] tbody tr[data-row-key]',
  },
  {
    file: 'ledger-item-register',
    as: 'zhb',
    path: (s) => s.ledgerId && `/ledgers/${s.ledgerId}`,
    viewport: DESKTOP,
    waitFor: '[data-testid="item-table"] tbody tr[data-row-key]',
    act: async (page) => {
      await page.getByTestId('ledger-desk').getByRole('button', { name: '登记问题' }).click();
      await page.getByRole('form', { name: '登记问题' }).waitFor();
    },
  },
  {
    file: 'rectification-item-desk',
    as: 'zhb',
    path: (s) => s.itemId && `/rectifications/${s.itemId}`,
    viewport: DESKTOP,
    waitFor: '[data-testid="item-desk"]',
    fullPage: true,
  },
  {
    file: 'plan-editor-new',
    as: 'zhb',
    path: () => '/campaigns/new',
    viewport: DESKTOP,
    waitFor: '#tasks_0_name',
  },
];

/** A printable document: its API route (from the seeded ids), read as whom. */
interface DocumentShot {
  file: string;
  as: Person;
  route: (seeded: Seeded) => string | undefined;
}

/** A4 at 96 dpi: 210 mm = 794 px. */
const A4 = { width: 794, height: 1123 };

export const DOCUMENTS: DocumentShot[] = [
  { file: 'bulletin', as: 'leader', route: (s) => s.bulletinId && `/bulletins/${s.bulletinId}/html` },
  { file: 'notice', as: 'wjj1', route: (s) => s.noticeHtml?.replace(/^\/api/, '') },
];

const log = (message: string) => console.log(`[screenshots] ${message}`);
const cstDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

async function tryStep<T>(what: string, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    log(`  could not ${what}: ${(error as Error).message.slice(0, 300)}`);
    return undefined;
  }
}

async function postYaml(api: string, route: string, token: string, yaml: string): Promise<{ id: string }> {
  const response = await fetch(`${api}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/yaml', authorization: `Bearer ${token}` },
    body: yaml,
  });
  if (!response.ok) throw new Error(`POST ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string };
}

/** The README's example data, through the API. A step that fails is reported and skipped. */
async function seed(api: string): Promise<Seeded> {
  const seeded: Seeded = {};
  const admin = await login(api, 'admin', ADMIN_PASSWORD);
  const units = fs.readFileSync(path.join(PROJECT_ROOT, 'examples', 'campaigns', 'units.csv'));
  await upload(api, '/units/import', admin, 'units.csv', units);
  const people: Array<[Person, string, string, string]> = [
    ['zhb', '指挥部值班员', 'county', 'command-center'],
    ['leader', '县领导', 'county', 'leadership'],
    ['wjj1', '卫计局干部', 'wjj', 'department'],
    ['cgz1', '城关镇干部', 'cgz', 'department'],
    ['dc1', '督查组干部', 'county', 'inspector'],
  ];
  const ids = {} as Record<Person, string>;
  for (const [username, displayName, unitCode, role] of people) {
    const user = await call<{ id: string }>(api, 'POST', '/users', admin, {
      username,
      displayName,
      unitCode,
      roles: [role],
      password: PASSWORD,
    });
    ids[username] = user.id;
  }
  const cc = await login(api, 'zhb', PASSWORD);
  const wjj = await login(api, 'wjj1', PASSWORD);

  // The campaign, moved to run from today (as the README's walkthrough does).
  const today = cstDate(Date.now());
  const year = today.slice(0, 4);
  const yaml = fs
    .readFileSync(path.join(PROJECT_ROOT, 'examples', 'campaigns', 'bairi-2018.yaml'), 'utf8')
    .replace(/'2018-06-20'/g, `'${today}'`)
    .replace(/2018-06-30/g, `${year}-12-15`)
    .replace(/2018-09-30/g, `${year}-12-31`);
  const campaign = await tryStep('create the campaign', () => postYaml(api, '/campaigns', cc, yaml));
  if (campaign) {
    seeded.campaignId = campaign.id;
    await tryStep('launch the campaign', () => call(api, 'POST', `/campaigns/${campaign.id}/launch`, cc));
    await tryStep('sign a pledge', () =>
      call(api, 'POST', `/campaigns/${campaign.id}/pledges`, wjj, { note: '签订责任状' }),
    );
    await tryStep('report progress', () =>
      call(api, 'POST', `/campaigns/${campaign.id}/tasks/T5.1/progress`, wjj, {
        quantityDone: 510,
        narrative: '已核查 510 人',
      }),
    );
  }

  // A ledger with a few items.
  const ledger = await tryStep('create a ledger', () =>
    call<{ id: string }>(api, 'POST', '/ledgers', cc, {
      name: '省审计反馈问题整改台账',
      source: '省审计报告',
    }),
  );
  if (ledger) {
    seeded.ledgerId = ledger.id;
    const problems = ['危房改造补助资金未按时拨付', '参合人员信息核对不全', '贫困学生资助台账不完整'];
    for (const [i, problem] of problems.entries()) {
      const item = await tryStep('register an item', () =>
        call<{ id: string }>(api, 'POST', `/ledgers/${ledger.id}/items`, cc, {
          problem,
          source: '省审计报告',
          category: '资金管理',
          analysis: '审批环节多',
          measures: ['简化审批', '按月拨付'],
          responsibleUnit: 'wjj',
          responsiblePersonId: ids.wjj1,
          verifierId: ids.dc1,
          basicDeadline: new Date(Date.now() + (20 + i * 5) * DAY).toISOString(),
          fullDeadline: new Date(Date.now() + (40 + i * 5) * DAY).toISOString(),
        }),
      );
      seeded.itemId ??= item?.id;
    }
    // An item whose basic deadline falls in a few seconds: the ladder's 到期提醒 is due at once and
    // its 黄牌预警 (a 督办单) as the deadline passes; the bulletin published after it lists it overdue.
    const late = await tryStep('register an item falling due', () =>
      call<{ id: string }>(api, 'POST', `/ledgers/${ledger.id}/items`, cc, {
        problem: '农村饮水安全工程验收资料缺失',
        source: '省审计报告',
        category: '项目管理',
        analysis: '验收流程未落实',
        measures: ['补齐验收资料', '组织复验'],
        responsibleUnit: 'wjj',
        responsiblePersonId: ids.wjj1,
        verifierId: ids.dc1,
        basicDeadline: new Date(Date.now() + 5_000).toISOString(),
        fullDeadline: new Date(Date.now() + 30 * DAY).toISOString(),
      }),
    );
    for (let i = 0; late && i < 120 && !seeded.noticeHtml; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const detail = await call<{ notices: Array<{ label: string; html: string }> }>(
        api,
        'GET',
        `/rectifications/${late.id}`,
        cc,
      );
      seeded.noticeHtml = detail.notices.find((n) => n.label === '黄牌预警')?.html;
    }
    if (late && !seeded.noticeHtml) log('  no 督办单 was issued within a minute');
    const bulletin = await tryStep('publish a bulletin', () =>
      call<{ id: string }>(api, 'POST', `/ledgers/${ledger.id}/bulletins`, cc),
    );
    seeded.bulletinId = bulletin?.id;
  }

  // A housing programme with households of 城关镇 and 新华镇.
  const programme = await tryStep('create a housing programme', () =>
    call<{ id: string }>(api, 'POST', '/housing/programmes', cc, {
      name: '2018年农村危房改造',
      housingBureau: 'zjj',
      stageDeadlines: {
        construction: new Date(Date.now() + 60 * DAY).toISOString(),
        'move-in': new Date(Date.now() + 90 * DAY).toISOString(),
      },
    }),
  );
  if (programme) {
    seeded.programmeId = programme.id;
    const rows = ['户编号,户主姓名,村编码,乡镇编码,是否建档立卡贫困户,房屋危险等级,计划补助金额（元）'];
    const heads = ['张建国', '李秀英', '王德明', '刘桂兰', '陈志强', '杨春花', '赵永福', '黄玉梅'];
    heads.forEach((head, i) => {
      const [village, township] = i % 2 === 0 ? ['cgz-dp', 'cgz'] : ['xhz-sk', 'xhz'];
      rows.push(
        `H${String(i + 1).padStart(4, '0')},${head},${village},${township},${i % 3 ? '是' : '否'},D,14000`,
      );
    });
    const batch = await tryStep('import households', () =>
      upload<{ id: string }>(
        api,
        `/housing/programmes/${programme.id}/imports`,
        cc,
        'households.csv',
        Buffer.from(rows.join('\n')),
      ),
    );
    seeded.importId = batch?.id;
    for (let i = 0; batch && i < 60; i++) {
      const progress = await call<{ status: string }>(api, 'GET', `/housing/imports/${batch.id}`, cc);
      if (progress.status === 'done') break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  return seeded;
}

async function settle(page: Page, entry: ScreenshotPage): Promise<void> {
  await page.waitForLoadState('load');
  if (entry.waitFor)
    await page
      .locator(entry.waitFor)
      .first()
      .waitFor({ timeout: 20_000 })
      .catch(() => undefined);
  // Locators, not string evaluation: the console's CSP forbids eval.
  await page
    .locator('.ant-spin-spinning, .ant-skeleton-active')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
  await page.waitForTimeout(800); // charts' entrance animation
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(PROJECT_ROOT, 'dist', 'web', 'index.html'))) {
    throw new Error('dist/web is missing: run npm run build:web first');
  }
  log('starting a throwaway system ...');
  const system: LocalSystem = await startLocalSystem(ADMIN_PASSWORD);
  const api = system.api;
  const base = api.replace(/\/api$/, '');
  const browser = await launchBrowser();
  try {
    log('seeding the README example through the API ...');
    const seeded = await seed(api);
    fs.mkdirSync(OUT_DIR, { recursive: true });
    const passwords: Record<Person, string> = {
      admin: ADMIN_PASSWORD,
      zhb: PASSWORD,
      wjj1: PASSWORD,
      leader: PASSWORD,
      cgz1: PASSWORD,
      dc1: PASSWORD,
    };
    for (const entry of PAGES) {
      const route = entry.path(seeded);
      if (!route) {
        log(`skipped ${entry.file}: its data could not be seeded`);
        continue;
      }
      const context = await browser.newContext({
        viewport: entry.viewport,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        deviceScaleFactor: 1,
      });
      try {
        const page = await context.newPage();
        if (entry.as) await signInWithForm(page, base, entry.as, passwords[entry.as]);
        await page.goto(`${base}${route}`);
        await settle(page, entry);
        if (entry.act) {
          await entry.act(page);
          await page.waitForTimeout(500);
        }
        const file = path.join(OUT_DIR, `${entry.file}.png`);
        await page.screenshot({ path: file, fullPage: entry.fullPage ?? false });
        log(`wrote ${path.relative(PROJECT_ROOT, file)} (${route})`);
      } catch (error) {
        log(`failed ${entry.file}: ${(error as Error).message.split('\n')[0]}`);
      } finally {
        await context.close();
      }
    }
    const tokens = new Map<Person, string>();
    for (const entry of DOCUMENTS) {
      const route = entry.route(seeded);
      if (!route) {
        log(`skipped ${entry.file}: its data could not be seeded`);
        continue;
      }
      const context = await browser.newContext({
        viewport: A4,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        deviceScaleFactor: 1,
      });
      try {
        if (!tokens.has(entry.as)) tokens.set(entry.as, await login(api, entry.as, passwords[entry.as]));
        const response = await fetch(`${api}${route}`, {
          headers: { authorization: `Bearer ${tokens.get(entry.as)}` },
        });
        if (!response.ok) throw new Error(`GET ${route}: ${response.status} ${await response.text()}`);
        const page = await context.newPage();
        await page.setContent(await response.text(), { waitUntil: 'load' });
        const file = path.join(OUT_DIR, `${entry.file}.png`);
        await page.screenshot({ path: file, fullPage: true });
        log(`wrote ${path.relative(PROJECT_ROOT, file)} (${route})`);
      } catch (error) {
        log(`failed ${entry.file}: ${(error as Error).message.split('\n')[0]}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await system.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`[screenshots] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
