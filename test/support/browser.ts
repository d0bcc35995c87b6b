/**
 * Browser tests against the real stack: the API (serving dist/web) listening on 127.0.0.1 with a
 * worker, the test Postgres and Temporal of global setup, and headless Chromium driven by
 * playwright-core. One browser per spec file:
 *
 *   let web: BrowserHarness;
 *   beforeAll(async () => { web = await startBrowserHarness(); });
 *   afterAll(() => web?.close());
 *   it('…', async () => {
 *     const person = await web.createPerson('department', 'tA');
 *     const context = await web.newContext({ viewport: { width: 375, height: 812 } });
 *     const page = await context.newPage();
 *     await web.signInAs(page, person.username, person.password);
 *   });
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Role } from '../../libs/domain/src/access/roles';
import { webDistDir } from '../../apps/api/src/web-console/serve-console';
import { launchBrowser, signInWithForm } from './chromium';
import { FIXTURE_PASSWORD, FIXTURE_UNITS } from './org-fixture';
import { startTestSystem, type TestSystem } from './test-system';
import { TEST_ADMIN } from './test-servers';

export type { Browser, BrowserContext, Page } from 'playwright-core';
export { CHROMIUM_FLAGS, findChromium, launchBrowser } from './chromium';
export { TEST_ADMIN } from './test-servers';
export { FIXTURE_PASSWORD, FIXTURE_UNITS } from './org-fixture';

export interface ServedSystem extends TestSystem {
  baseUrl: string;
}

/** The API listening on a free port of 127.0.0.1, serving dist/web, with a worker. */
export async function startServedSystem(): Promise<ServedSystem> {
  if (!fs.existsSync(path.join(webDistDir(), 'index.html'))) {
    throw new Error(
      `The web console is not built (${webDistDir()}/index.html is missing): run ` +
        '`node scripts/bootstrap.mjs --no-build` (npm test does) or `npm run build:web`.',
    );
  }
  const system = await startTestSystem({ listen: true });
  return system as ServedSystem;
}

export interface WebPerson {
  id: string;
  username: string;
  password: string;
  displayName: string;
  unitCode: string;
  roles: Role[];
  /** `Authorization` header value, to seed data through the API as this person. */
  auth: string;
}

export interface BrowserHarness {
  system: ServedSystem;
  /** `http://127.0.0.1:<port>`: page.goto(`${web.baseUrl}/todo`). */
  baseUrl: string;
  browser: Browser;
  /** A fresh context (own cookies), Chinese locale, CST; viewport 1280×800 unless given. */
  newContext(options?: { viewport?: { width: number; height: number } }): Promise<BrowserContext>;
  /** Drives the real login form at /login and waits until the console has left it. */
  signInAs(page: Page, username: string, password: string): Promise<void>;
  /** The fixture units (org-fixture.ts: c1 县, tA 甲镇, tB 乙镇, vA1, vB1, zjj 住建局), created once. */
  createUnits(): Promise<void>;
  /** A person with one role in a unit, created by the admin through the API (fixture units made first). */
  createPerson(
    role: Role,
    unitCode: string,
    options?: { username?: string; displayName?: string },
  ): Promise<WebPerson>;
  close(): Promise<void>;
}

let people = 0;

/** `BROWSER_TRACE_DIR=/some/dir`: every context keeps a Playwright trace there (`npx playwright-core show-trace`). */
const TRACE_DIR = process.env.BROWSER_TRACE_DIR;

function saveTrace(context: BrowserContext, n: number): Promise<void> {
  const spec = path.basename(expect.getState().testPath ?? 'spec', '.e2e-spec.ts');
  return context.tracing.stop({ path: path.join(TRACE_DIR ?? '.', `${spec}-${process.pid}-${n}.zip`) });
}

/** One served system and one browser for a spec file; close both in afterAll. */
export async function startBrowserHarness(): Promise<BrowserHarness> {
  const browser = await launchBrowser();
  let system: ServedSystem;
  try {
    system = await startServedSystem();
  } catch (error) {
    await browser.close();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  let unitsCreated = false;

  const harness: BrowserHarness = {
    system,
    baseUrl: system.baseUrl,
    browser,
    async newContext(options = {}) {
      const context = await browser.newContext({
        baseURL: system.baseUrl,
        viewport: options.viewport ?? { width: 1280, height: 800 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        acceptDownloads: true,
      });
      // CI runs two test files at once on two cores, each with its own Postgres, Temporal, worker,
      // API and Chromium: a command's round trip has now and then taken over 20 s there (three
      // different cases, each passing in every other run), so a wait gives up only after 45 s.
      context.setDefaultTimeout(45_000);
      // Script errors and console errors of the pages show in the test output.
      context.on('weberror', (error) =>
        console.error(`[browser] page error: ${error.error().stack ?? String(error.error())}`),
      );
      context.on('console', (message) => {
        // A signed-out page's session check answers 401: expected, not worth a line.
        if (message.type() === 'error' && !/status of 401/.test(message.text()))
          console.error(`[browser] ${message.page()?.url() ?? ''}: ${message.text()}`);
      });
      if (TRACE_DIR) await context.tracing.start({ screenshots: true, snapshots: true });
      contexts.push(context);
      return context;
    },
    signInAs(page, username, password) {
      return signInWithForm(page, system.baseUrl, username, password);
    },
    async createUnits() {
      if (unitsCreated) return;
      for (const unit of FIXTURE_UNITS) {
        await system.http().post('/api/units').set('Authorization', system.adminAuth).send(unit).expect(201);
      }
      unitsCreated = true;
    },
    async createPerson(role, unitCode, options = {}) {
      if (FIXTURE_UNITS.some((unit) => unit.code === unitCode)) await harness.createUnits();
      people += 1;
      const username = options.username ?? `${role.replace('-', '')}${people}`;
      const displayName = options.displayName ?? `${PERSON_LABELS[role]}${people}`;
      const response = await system
        .http()
        .post('/api/users')
        .set('Authorization', system.adminAuth)
        .send({ username, displayName, unitCode, roles: [role], password: FIXTURE_PASSWORD });
      if (response.status !== 201) {
        throw new Error(`creating ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
      }
      const auth = await system.login(username, FIXTURE_PASSWORD);
      const id = (response.body as { id: string }).id;
      return { id, username, password: FIXTURE_PASSWORD, displayName, unitCode, roles: [role], auth };
    },
    async close() {
      if (TRACE_DIR) await Promise.allSettled(contexts.map((context, n) => saveTrace(context, n)));
      await Promise.allSettled(contexts.map((context) => context.close()));
      await browser.close().catch(() => undefined);
      await system.close();
    },
  };
  return harness;
}

const PERSON_LABELS: Record<Role, string> = {
  admin: '管理员',
  'command-center': '指挥部干部',
  leadership: '县领导',
  department: '单位干部',
  inspector: '督查员',
};

/** The first admin of every test database. */
export const ADMIN = TEST_ADMIN;
