/** Headless Chromium for the browser specs, `npm run screenshots` and `npm run bench:web` (playwright-core). */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Flags for a closed network and a root user in a fresh clone (CI). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--disable-default-apps',
  '--disable-extensions',
  '--no-default-browser-check',
  '--no-pings',
  '--disable-domain-reliability',
  '--disable-breakpad',
  '--metrics-recording-only',
  '--password-store=basic',
  '--font-render-hinting=none',
  '--lang=zh-CN',
];

const SYSTEM_CHROMIUMS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** Flags of @sparticuz/chromium this harness does not want (they weaken what the tests check). */
const UNWANTED_PACKAGED_FLAGS = [
  /^--disable-web-security/,
  /^--allow-running-insecure-content/,
  /^--disable-site-isolation-trials/,
  /^--headless/,
  /^--single-process/,
  /^--no-zygote/,
];

/** What this uses of the `@sparticuz/chromium` package (its CommonJS build). */
interface PackagedChromium {
  args: string[];
  executablePath(input?: string): Promise<string>;
}

export interface ChromiumExecutable {
  executablePath: string;
  args: string[];
  source: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';
}

/**
 * Which Chromium to run: `CHROMIUM_PATH`, else the system's, else the binary shipped inside the
 * `@sparticuz/chromium` npm package (extracted to the temp directory on first use).
 */
export async function findChromium(): Promise<ChromiumExecutable> {
  if (process.env.CHROMIUM_PATH) {
    return { executablePath: process.env.CHROMIUM_PATH, args: [], source: 'CHROMIUM_PATH' };
  }
  const system = SYSTEM_CHROMIUMS.find((file) => fs.existsSync(file));
  if (system) return { executablePath: system, args: [], source: 'system' };
  // Its CommonJS build (jest runs without ESM support): the module is the Chromium class itself.
  const packaged = createRequire(__filename)('@sparticuz/chromium') as PackagedChromium;
  const args = packaged.args.filter(
    (flag) => !UNWANTED_PACKAGED_FLAGS.some((unwanted) => unwanted.test(flag)),
  );
  return { executablePath: await packaged.executablePath(), args, source: '@sparticuz/chromium' };
}

/**
 * Headless Chromium with a fresh profile (playwright makes a new temporary user-data dir for each
 * launch and removes it on close); a clear message when it cannot start.
 */
export async function launchBrowser(): Promise<Browser> {
  const found = await findChromium();
  const args = [...new Set([...found.args, ...CHROMIUM_FLAGS])];
  try {
    return await chromium.launch({ executablePath: found.executablePath, args, timeout: 60_000 });
  } catch (error) {
    throw new Error(
      `Chromium could not start (${found.source}: ${found.executablePath}). Set CHROMIUM_PATH to a ` +
        `Chromium or Chrome binary, or install one (apt-get install chromium).\n${(error as Error).message}`,
    );
  }
}

/** Signs in through the console's real login form at `${baseUrl}/login` and waits until it has left it. */
export async function signInWithForm(
  page: Page,
  baseUrl: string,
  username: string,
  password: string,
): Promise<void> {
  if (!new URL(page.url() === 'about:blank' ? baseUrl : page.url()).pathname.startsWith('/login')) {
    await page.goto(`${baseUrl}/login`);
  }
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
