/**
 * The admin's pages in a real browser: a password reset that forces a new password at the next
 * sign-in, a unit created in the tree (and an import's bad rows listed), and the audit page of an
 * object with a successful chain check.
 */
import { startBrowserHarness, TEST_ADMIN, type BrowserHarness, type Page } from '../support/browser';
import { openPopconfirm, settled } from '../support/antd-controls';

describe('web console: the admin pages (browser)', () => {
  let web: BrowserHarness;

  beforeAll(async () => {
    web = await startBrowserHarness();
    await web.createUnits();
  });

  afterAll(async () => {
    await web?.close();
  });

  async function adminPage(path: string): Promise<Page> {
    const context = await web.newContext();
    const page = await context.newPage();
    await web.signInAs(page, TEST_ADMIN.username, TEST_ADMIN.password);
    await page.goto(`${web.baseUrl}${path}`);
    return page;
  }

  it('resets a password in the people table; the person must set a new one before going on', async () => {
    const person = await web.createPerson('department', 'tA');
    const temporary = 'temporary-pass-2468';
    const chosen = 'my-own-password-1357';

    const admin = await adminPage(`/admin/people?q=${person.username}`);
    const row = admin.getByRole('row', { name: new RegExp(person.username) });
    await row.getByRole('button', { name: '重置密码' }).click();
    const dialog = await settled(admin.getByRole('dialog'));
    await dialog.getByLabel('临时密码').fill(temporary);
    await dialog.getByRole('button', { name: /重\s*置/ }).click();
    await admin.getByText(/请将临时密码告知本人/).waitFor();

    const context = await web.newContext();
    const page = await context.newPage();
    await page.goto(`${web.baseUrl}/login`);
    await page.getByLabel('用户名').fill(person.username);
    await page.getByLabel('密码').fill(temporary);
    await page.getByRole('button', { name: /登\s*录/ }).click();

    await page.getByRole('heading', { name: '设置新密码' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('当前密码').fill(temporary);
    await page.getByLabel('新密码', { exact: true }).fill(chosen);
    await page.getByLabel('确认新密码').fill('not-the-same-password');
    await page.getByRole('button', { name: '设置新密码并继续' }).click();
    await page.getByText('两次输入的新密码不一致').waitFor();
    await page.getByLabel('确认新密码').fill(chosen);
    await page.getByRole('button', { name: '设置新密码并继续' }).click();
    await page.waitForURL('**/todo');
    await page.getByRole('navigation', { name: '主导航' }).getByText('我的待办').waitFor();

    const signIn = await web.system
      .http()
      .post('/api/auth/login')
      .send({ username: person.username, password: chosen })
      .expect(200);
    expect(signIn.body.mustChangePassword).toBe(false);
  });

  it('sends a signed-in person whose password was reset meanwhile to 设置新密码, then back', async () => {
    const person = await web.createPerson('department', 'tB');
    const context = await web.newContext();
    const page = await context.newPage();
    await web.signInAs(page, person.username, person.password);
    await page.waitForURL('**/todo');

    await web.system
      .http()
      .post(`/api/users/${person.id}/password`)
      .set('Authorization', web.system.adminAuth)
      .send({ password: 'temporary-pass-9753' })
      .expect(204);
    await page.reload();
    await page.getByRole('heading', { name: '设置新密码' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    // reloading 设置新密码 itself shows it again (the session comes back from the refresh cookie)
    await page.reload();
    await page.getByRole('heading', { name: '设置新密码' }).waitFor();
    await page.getByLabel('当前密码').fill('temporary-pass-9753');
    await page.getByLabel('新密码', { exact: true }).fill('my-own-password-8642');
    await page.getByLabel('确认新密码').fill('my-own-password-8642');
    await page.getByRole('button', { name: '设置新密码并继续' }).click();
    await page.waitForURL('**/todo');
    await page.getByRole('navigation', { name: '主导航' }).getByText('我的待办').waitFor();
  });

  it('issues an API token shown once, which works until it is revoked', async () => {
    const person = await web.createPerson('inspector', 'c1');
    const page = await adminPage(`/admin/people?q=${person.username}`);
    await page
      .getByRole('row', { name: new RegExp(person.username) })
      .getByRole('button', { name: 'API 令牌' })
      .click();
    const drawer = await settled(page.getByRole('dialog', { name: /API 令牌/ }));
    await drawer.getByLabel('用途').fill('省平台对接');
    await drawer.getByRole('button', { name: '签发令牌' }).click();
    const shown = await settled(page.getByRole('dialog', { name: '令牌已签发' }));
    const token = (await shown.locator('code').innerText()).trim();
    expect(token.length).toBeGreaterThan(20);
    await web.system.http().get('/api/users/me').set('Authorization', `Bearer ${token}`).expect(200);
    await shown.getByRole('button', { name: '我已妥善保存' }).click();
    await shown.waitFor({ state: 'hidden' }); // closed, not over the drawer's rows

    await drawer
      .getByRole('row', { name: /省平台对接/ })
      .getByRole('button', { name: /吊\s*销/ })
      .click();
    await (await settled(openPopconfirm(page))).getByRole('button', { name: /确\s*定|OK/ }).click();
    await drawer
      .getByRole('row', { name: /省平台对接/ })
      .getByText('已吊销')
      .waitFor();
    await web.system.http().get('/api/users/me').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('creates a unit under the one chosen in the tree', async () => {
    const page = await adminPage('/admin/units');
    const tree = page.getByRole('tree', { name: '单位树' });
    await tree.getByText('甲镇（乡/镇/办）').click();
    await page.getByRole('button', { name: '新建单位' }).click();
    const dialog = await settled(page.getByRole('dialog', { name: '新建单位' }));
    await dialog.getByLabel('单位编码').fill('vA2');
    await dialog.getByLabel('单位名称').fill('甲二村');
    await dialog.getByLabel('类型').click();
    await page.locator('.ant-select-item-option[title="村/社区"]').click();
    await dialog.getByRole('button', { name: /新\s*建/ }).click();

    await tree.getByText('甲二村（村/社区）').waitFor();
    expect(new URL(page.url()).searchParams.get('unit')).toBe('vA2');
    const unit = await web.system
      .http()
      .get('/api/units/vA2')
      .set('Authorization', web.system.adminAuth)
      .expect(200);
    expect(unit.body).toMatchObject({ name: '甲二村', kind: 'village', parentCode: 'tA' });
  });

  it('lists every bad row of a unit import', async () => {
    const page = await adminPage('/admin/units');
    await page.getByRole('button', { name: '导入单位' }).click();
    const dialog = await settled(page.getByRole('dialog', { name: '导入单位' }));
    const csv = [
      '编码,名称,类型,上级编码',
      'vA3,甲三村,village,tA',
      ',无编码村,village,tA',
      'vA4,甲四村,castle,tA',
    ].join('\n');
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: 'units.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    const problems = dialog.getByRole('table');
    await problems.getByRole('row').nth(1).waitFor();
    const rows = await problems.locator('tbody tr').allInnerTexts();
    expect(rows.some((row) => row.startsWith('3'))).toBe(true);
    expect(rows.some((row) => row.startsWith('4') && row.includes('castle'))).toBe(true);
    // all rows or none: the good row was not imported either
    await web.system.http().get('/api/units/vA3').set('Authorization', web.system.adminAuth).expect(404);
  });

  it("shows an object's audit trail and a successful chain check", async () => {
    await web.system
      .http()
      .patch('/api/units/zjj')
      .set('Authorization', web.system.adminAuth)
      .send({ name: '住房和城乡建设局', reason: '机构改革更名' })
      .expect(200);

    const page = await adminPage('/admin/audit?subject=unit:zjj');
    const table = page.getByRole('table');
    await table.getByText('机构改革更名').waitFor();
    const entries = await table.locator('tbody tr').allInnerTexts();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toContain('unit.created');
    expect(entries[1]).toContain('住建局 → 住房和城乡建设局');
    expect(entries[1]).toContain(TEST_ADMIN.username);

    await page.getByRole('button', { name: '校验审计链' }).click();
    await expect(page.getByRole('status').innerText()).resolves.toMatch(/审计链完整：已校验 \d+ 条记录/);
  });
});
