/**
 * `npm run bench:web`: the console in headless Chromium against a throwaway system (as `npm start`
 * runs it, serving dist/web).
 *  - The battle map's time to usable for a 50-task campaign (10 tasks of 4 sub-tasks): from
 *    navigation to the task table rendered with rows (`[data-testid="task-table"] tr[data-row-key]`),
 *    p50/p95 over 20 loads in a signed-in tab (the session restored from the refresh cookie on each
 *    load, as a reload does; the HTTP cache warm after the first load).
 *  - The JavaScript the login and the to-do routes load before they are usable, gzip-compressed
 *    (level 9) from the files of dist/web the browser fetched.
 * `WEB_DIST_DIR=/tmp/x npm run bench:web` builds and serves the console from /tmp/x instead of
 * dist/web, which browser tests running at the same time may be using.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, signInWithForm } from '../libs/devstack/src/chromium';
import { PROJECT_ROOT } from '../libs/devstack/src/project-paths';
import { webDistDir } from '../apps/api/src/web-console/serve-console';
import { call, login, percentile, upload } from './bench-http';
import { startLocalSystem } from './local-system';

const ADMIN_PASSWORD = 'bench-web-admin-password';
const PASSWORD = 'bench-web-password-1';
const LOADS = 20;
const DAY = 86_400_000;
const TASK_ROWS = '[data-testid="task-table"] tr[data-row-key]';
// dist/web, or WEB_DIST_DIR (which the API started below serves too)
const WEB_DIR = webDistDir();

const cstDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/** The page's main content is there and no spinner is left (locators: the CSP forbids string evaluation). */
async function usableWhenSettled(page: Page): Promise<void> {
  await page.locator('main').first().waitFor();
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 30_000 });
}

/** Gzip bytes of the dist/web scripts a page fetched until `usable` resolved. */
async function scriptBytes(
  context: BrowserContext,
  url: string,
  usable: (page: Page) => Promise<unknown>,
): Promise<{ files: number; raw: number; gzip: number }> {
  const page = await context.newPage();
  const scripts = new Set<string>();
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.add(new URL(request.url()).pathname);
  });
  await page.goto(url);
  await usable(page);
  const seen = [...scripts];
  await page.close();
  let raw = 0;
  let gzip = 0;
  for (const script of seen) {
    const file = path.join(WEB_DIR, script);
    if (!fs.existsSync(file)) continue;
    const content = fs.readFileSync(file);
    raw += content.length;
    gzip += gzipSync(content, { level: 9 }).length;
  }
  return { files: seen.length, raw, gzip };
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(WEB_DIR, 'index.html')))
    throw new Error(`${WEB_DIR} is missing: run npm run build:web`);
  console.log('[bench:web] starting a throwaway system ...');
  const system = await startLocalSystem(ADMIN_PASSWORD);
  const api = system.api;
  const base = api.replace(/\/api$/, '');
  const browser = await launchBrowser();
  try {
    const admin = await login(api, 'admin', ADMIN_PASSWORD);
    await upload(
      api,
      '/units/import',
      admin,
      'units.csv',
      fs.readFileSync(path.join(PROJECT_ROOT, 'examples', 'campaigns', 'units.csv')),
    );
    for (const [username, unitCode, role] of [
      ['zhb', 'county', 'command-center'],
      ['wjj1', 'wjj', 'department'],
    ]) {
      await call(api, 'POST', '/users', admin, {
        username,
        displayName: username,
        unitCode,
        roles: [role],
        password: PASSWORD,
      });
    }
    const cc = await login(api, 'zhb', PASSWORD);
    const bureaus = ['fpb', 'zjj', 'wjj', 'jyj', 'rsj', 'jrb', 'mzj', 'swj', 'jtj', 'wgj'];
    const start = cstDate(Date.now());
    const end = cstDate(Date.now() + 99 * DAY);
    const tasks = bureaus.map((lead, g) => ({
      key: `T${g + 1}`,
      name: `重点任务${g + 1}`,
      lead,
      cooperating: [bureaus[(g + 1) % bureaus.length]],
      deadline: end,
      subtasks: Array.from({ length: 4 }, (_, s) => ({
        key: `T${g + 1}.${s + 1}`,
        name: `重点任务${g + 1}之${s + 1}`,
        deadline: cstDate(Date.now() + (30 + g * 5 + s) * DAY),
        ...(s === 2 ? { target: { quantity: 1000, unit: '人' } } : {}),
      })),
    }));
    const campaign = await call<{ id: string }>(api, 'POST', '/campaigns', cc, {
      name: '网页基准攻坚行动',
      window: { start, end },
      goals: [{ key: 'G1', name: '任务完成率', target: 100, unit: '%', tasks: tasks.map((t) => t.key) }],
      tasks,
    });
    await call(api, 'POST', `/campaigns/${campaign.id}/launch`, cc);
    console.log(`[bench:web] campaign of ${tasks.length + tasks.length * 4} tasks launched`);

    // Battle map: time to usable over LOADS loads in one signed-in context.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const signIn1 = await context.newPage();
    await signInWithForm(signIn1, base, 'zhb', PASSWORD);
    await signIn1.close();
    const samples: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(`${base}/campaigns/${campaign.id}`, { waitUntil: 'commit' });
      await page.locator(TASK_ROWS).first().waitFor({ timeout: 30_000 });
      samples.push(performance.now() - started);
      await page.close();
    }
    await context.close();
    console.log(
      `[bench:web] battle map time to usable: p50 ${percentile(samples, 0.5).toFixed(0)} ms, p95 ${percentile(samples, 0.95).toFixed(0)} ms`,
    );

    // JavaScript before usable: the login form, and the to-do list of a department person.
    const fresh = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' });
    const loginJs = await scriptBytes(fresh, `${base}/login`, (page) =>
      page.getByRole('button', { name: /登\s*录/ }).waitFor(),
    );
    const signed = await fresh.newPage();
    await signInWithForm(signed, base, 'wjj1', PASSWORD);
    await signed.close();
    const todoJs = await scriptBytes(fresh, `${base}/todo`, (page) => usableWhenSettled(page));
    await fresh.close();

    const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
    console.log('');
    console.log('Web console benchmark');
    console.log(`  battle map time to usable (${tasks.length * 5} tasks, ${LOADS} loads)`);
    console.log(
      `    p50 ${percentile(samples, 0.5).toFixed(0)} ms   p95 ${percentile(samples, 0.95).toFixed(0)} ms`,
    );
    console.log(`  JavaScript before usable, gzip (raw)`);
    console.log(`    /login  ${kib(loginJs.gzip)} (${kib(loginJs.raw)}) in ${loginJs.files} files`);
    console.log(`    /todo   ${kib(todoJs.gzip)} (${kib(todoJs.raw)}) in ${todoJs.files} files`);
  } finally {
    await browser.close();
    await system.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`[bench:web] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
