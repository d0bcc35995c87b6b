/**
 * Signing in to the console in a real browser: each role's home page and navigation, a refused
 * password, a reload, sign-out, a deep link, and a product link (/api/…) opened in a signed-in tab.
 */
import { ROLE_LABELS } from '../../libs/domain/src/access/roles';
import { accessOf, homePathOf, type Access, type Role } from '../../apps/web/src/app/access';
import {
  startBrowserHarness,
  TEST_ADMIN,
  type BrowserHarness,
  type Page,
  type WebPerson,
} from '../support/browser';

/**
 * Every navigation entry of the console and who may see it (the `visible` of its NavItem in
 * apps/web/src/pages/…/routes.tsx). A page that adds an entry adds it here too.
 */
const NAV_RULES: Record<string, (access: Access) => boolean> = {
  攻坚行动: () => true,
  危房改造: (access) => access.overview,
  整改台账: (access) => access.overview,
  待我决定: (access) => access.leaderQueue,
  我的待办: (access) => access.unitWork,
  农户: (access) => access.unitWork || access.overview,
  通知: () => true,
  从方案文件生成: (access) => access.commandDesk,
  新建攻坚行动: (access) => access.commandDesk,
  人员管理: (access) => access.admin,
  单位管理: (access) => access.admin,
  审计记录: (access) => access.admin,
  新建整改台账: (access) => access.commandDesk,
  新建危房改造项目: (access) => access.commandDesk,
};

/** The navigation once the person's roles are known (the header names them). */
async function navLabels(page: Page, role: Role): Promise<string[]> {
  await page.getByRole('banner').getByText(ROLE_LABELS[role], { exact: false }).waitFor();
  const nav = page.getByRole('navigation', { name: '主导航' });
  await nav.getByRole('menuitem').first().waitFor();
  return (await nav.getByRole('menuitem').allInnerTexts()).map((text) => text.trim()).sort();
}

async function refreshCookie(page: Page): Promise<string | undefined> {
  const cookies = await page.context().cookies(`${new URL(page.url()).origin}/api/auth/web/refresh`);
  return cookies.find((cookie) => cookie.name === 'refresh_token')?.value;
}

describe('web console: signing in (browser)', () => {
  let web: BrowserHarness;
  const people = {} as Record<Role, WebPerson | { username: string; password: string; unitCode: string }>;

  beforeAll(async () => {
    web = await startBrowserHarness();
    people.admin = { ...TEST_ADMIN, unitCode: '' };
    people['command-center'] = await web.createPerson('command-center', 'c1');
    people.leadership = await web.createPerson('leadership', 'c1');
    people.department = await web.createPerson('department', 'tA');
    people.inspector = await web.createPerson('inspector', 'c1');
  });

  afterAll(async () => {
    await web?.close();
  });

  it.each(['admin', 'command-center', 'leadership', 'department', 'inspector'] as Role[])(
    '%s lands on their home page and sees only the navigation their role allows',
    async (role) => {
      const context = await web.newContext();
      const page = await context.newPage();
      const person = people[role];
      await web.signInAs(page, person.username, person.password);

      const access = accessOf({
        id: '',
        username: person.username,
        displayName: '',
        unitCode: '',
        roles: [role],
      });
      await page.waitForURL((url) => url.pathname === homePathOf(access));
      const shown = await navLabels(page, role);
      const unknown = shown.filter((label) => !(label in NAV_RULES));
      expect({ unknown }).toEqual({ unknown: [] });
      const allowed = Object.entries(NAV_RULES)
        .filter(([, visible]) => visible(access))
        .map(([label]) => label)
        .sort();
      expect(shown).toEqual(allowed);
      await context.close();
    },
  );

  it('refuses a wrong password on the form, in Chinese', async () => {
    const context = await web.newContext();
    const page = await context.newPage();
    await page.goto(`${web.baseUrl}/login`);
    await page.getByLabel('用户名').fill(people.department.username);
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('keeps the person signed in across a reload, and sign-out ends the session', async () => {
    const context = await web.newContext();
    const page = await context.newPage();
    const person = people.department;
    await web.signInAs(page, person.username, person.password);
    await page.waitForURL('**/todo');

    // The access token is in memory only: after a reload the refresh cookie restores the session.
    const before = await refreshCookie(page);
    expect(before).toBeTruthy();
    await page.reload();
    await page.getByRole('navigation', { name: '主导航' }).getByText('我的待办').waitFor();
    expect(new URL(page.url()).pathname).toBe('/todo');
    const after = await refreshCookie(page);
    expect(after).toBeTruthy();
    expect(after).not.toBe(before); // rotated

    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.waitForURL('**/login**');
    await page.reload();
    await page.getByLabel('用户名').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');

    // The refresh token from before sign-out no longer opens a session.
    const response = await web.system
      .http()
      .post('/api/auth/web/refresh')
      .set('Cookie', [`refresh_token=${after}`, 'csrf_token=x'])
      .set('X-CSRF-Token', 'x');
    expect(response.status).toBe(401);
    await context.close();
  });

  it('sends a signed-in person who opens the sign-in page on to where they were headed', async () => {
    const context = await web.newContext();
    const page = await context.newPage();
    await web.signInAs(page, people.department.username, people.department.password);
    await page.waitForURL('**/todo');
    await page.goto(`${web.baseUrl}/login?next=${encodeURIComponent('/todo?tab=households')}`);
    await page.waitForURL((url) => url.pathname === '/todo' && url.search === '?tab=households');
    await page.getByRole('navigation', { name: '主导航' }).getByText('我的待办').waitFor();
    await context.close();
  });

  it('returns to a deep link after signing in', async () => {
    const context = await web.newContext();
    const page = await context.newPage();
    await page.goto(`${web.baseUrl}/ledgers?page=2`);
    await page.waitForURL('**/login?next=**');
    await web.signInAs(page, people.inspector.username, people.inspector.password);
    await page.waitForURL((url) => url.pathname === '/ledgers');
    expect(new URL(page.url()).search).toBe('?page=2');
    await context.close();
  });

  it('opens a product link to an /api file in a signed-in tab: the file, not a 401', async () => {
    const command = people['command-center'] as WebPerson;
    const ledger = await web.system
      .http()
      .post('/api/ledgers')
      .set('Authorization', command.auth)
      .send({ name: '浏览器测试台账', source: '测试' })
      .expect(201);
    const link = `/api/ledgers/${ledger.body.id}/workbook/template`;

    const context = await web.newContext();
    const page = await context.newPage();
    // A machine client keeps its 401 JSON; a browser following the link is sent to /open.
    await web.system.http().get(link).expect(401);
    const downloaded = page.waitForEvent('download');
    await page.goto(`${web.baseUrl}${link}`);
    await page.waitForURL('**/login?next=**');
    await web.signInAs(page, command.username, command.password);
    const download = await downloaded;
    expect(download.suggestedFilename()).toBe('整改台账导入模板.xlsx');
    expect(new URL(page.url()).pathname).toBe('/open');
    await context.close();
  });
});
