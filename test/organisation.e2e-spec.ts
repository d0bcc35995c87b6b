import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { createOrgFixture, OrgFixture } from './support/org-fixture';
import { startTestSystem, TestSystem } from './support/test-system';

async function count(system: TestSystem, table: string): Promise<number> {
  const pg = new Client({ connectionString: system.databaseUrl });
  await pg.connect();
  const { rows } = await pg.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  await pg.end();
  return Number(rows[0].n);
}

async function xlsx(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('单位');
  rows.forEach((row) => sheet.addRow(row));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('units and people', () => {
  let system: TestSystem;
  let fixture: OrgFixture;
  const admin = () => system.adminAuth;

  beforeAll(async () => {
    system = await startTestSystem({ withWorker: false });
    fixture = await createOrgFixture(system);
  });
  afterAll(async () => {
    await system?.close();
  });

  it('serves the unit tree in path order, by parent or by subtree', async () => {
    const all = await system.http().get('/api/units').set('Authorization', fixture.auth.deptA).expect(200);
    expect(all.body.map((u: { code: string }) => u.code)).toEqual([
      'c1',
      'tA',
      'vA1',
      'tB',
      'vB1',
      'zjj',
      'system',
    ]);
    const village = all.body.find((u: { code: string }) => u.code === 'vA1');
    expect(village).toEqual({
      code: 'vA1',
      name: '甲村',
      kind: 'village',
      kindLabel: '村/社区',
      parentCode: 'tA',
      path: '/c1/tA/vA1/',
    });
    const children = await system
      .http()
      .get('/api/units?parent=c1')
      .set('Authorization', admin())
      .expect(200);
    expect(children.body.map((u: { code: string }) => u.code)).toEqual(['tA', 'tB', 'zjj']);
    const subtree = await system.http().get('/api/units?within=tB').set('Authorization', admin()).expect(200);
    expect(subtree.body.map((u: { code: string }) => u.code)).toEqual(['tB', 'vB1']);
  });

  it('moves a unit with everything below it, and refuses a move under its own subtree', async () => {
    await system
      .http()
      .post('/api/units')
      .set('Authorization', admin())
      .send({ code: 'tC', name: '丙镇', kind: 'township', parentCode: 'c1' })
      .expect(201);
    await system
      .http()
      .post('/api/units')
      .set('Authorization', admin())
      .send({ code: 'vC1', name: '丙村', kind: 'village', parentCode: 'tC' })
      .expect(201);
    const cycle = await system
      .http()
      .patch('/api/units/tC')
      .set('Authorization', admin())
      .send({ parentCode: 'vC1', reason: '测试' })
      .expect(409);
    expect(cycle.body.code).toBe('UNIT_CYCLE');
    await system
      .http()
      .patch('/api/units/tC')
      .set('Authorization', admin())
      .send({ parentCode: 'zjj', reason: '区划调整' })
      .expect(200);
    const village = await system.http().get('/api/units/vC1').set('Authorization', admin()).expect(200);
    expect(village.body.path).toBe('/c1/zjj/tC/vC1/');
  });

  it('refuses a unit code that exists, a parent that does not, and names bad fields', async () => {
    await system
      .http()
      .post('/api/units')
      .set('Authorization', admin())
      .send({ code: 'c1', name: '重复', kind: 'county' })
      .expect(409);
    const orphan = await system
      .http()
      .post('/api/units')
      .set('Authorization', admin())
      .send({ code: 'x1', name: '孤儿', kind: 'village', parentCode: 'nowhere' })
      .expect(400);
    expect(orphan.body.code).toBe('PARENT_NOT_FOUND');
    const bad = await system
      .http()
      .post('/api/units')
      .set('Authorization', admin())
      .send({ code: 'bad code!', name: '', kind: 'planet' })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['code', 'kind', 'name']);
  });

  it('refuses request bodies that try to set what the server owns', async () => {
    const attempts: Array<[string, string, object]> = [
      ['post', '/api/units', { code: 'x2', name: '甲', kind: 'village', parentCode: 'tA', path: '/evil/' }],
      ['post', '/api/units', { code: 'x3', name: '甲', kind: 'village', createdAt: '2020-01-01T00:00:00Z' }],
      ['patch', '/api/units/tA', { code: 'renamed', reason: 'x' }],
      [
        'post',
        '/api/users',
        {
          username: 'u1x',
          displayName: '甲',
          unitCode: 'tA',
          roles: ['department'],
          id: '00000000-0000-4000-8000-000000000001',
        },
      ],
      [
        'post',
        '/api/users',
        {
          username: 'u2x',
          displayName: '甲',
          unitCode: 'tA',
          roles: ['department'],
          passwordHash: '$argon2id$x',
        },
      ],
      ['patch', `/api/users/${'00000000-0000-4000-8000-000000000002'}`, { failedLogins: 0, reason: 'x' }],
      ['patch', `/api/users/${'00000000-0000-4000-8000-000000000002'}`, { lockedUntil: null, reason: 'x' }],
      [
        'patch',
        `/api/users/${'00000000-0000-4000-8000-000000000002'}`,
        { username: 'someone-else', reason: 'x' },
      ],
    ];
    const units = await count(system, 'unit');
    const users = await count(system, 'app_user');
    for (const [method, path, body] of attempts) {
      const response = await (
        system.http() as unknown as Record<
          string,
          (p: string) => ReturnType<ReturnType<TestSystem['http']>['post']>
        >
      )
        [method](path)
        .set('Authorization', admin())
        .send(body)
        .expect(400);
      expect(
        response.body.details.some((d: { problems: string[] }) => d.problems.includes('不允许提交此字段')),
      ).toBe(true);
    }
    expect(await count(system, 'unit')).toBe(units);
    expect(await count(system, 'app_user')).toBe(users);
  });

  it('imports units from CSV in any row order, parents first', async () => {
    const csv = '\uFEFF编码,名称,类型,上级编码\nvD1,丁村,village,tD\ntD,丁镇,township,c1\n';
    const result = await system
      .http()
      .post('/api/units/import')
      .set('Authorization', admin())
      .attach('file', Buffer.from(csv), 'units.csv')
      .expect(201);
    expect(result.body).toEqual({ created: 2, codes: ['tD', 'vD1'] });
    const village = await system.http().get('/api/units/vD1').set('Authorization', admin()).expect(200);
    expect(village.body.path).toBe('/c1/tD/vD1/');
  });

  it('reads units and people written the way Excel writes them: titles, 序号, labels, names, full-width, blanks', async () => {
    const units = new ExcelJS.Workbook();
    const sheet = units.addWorksheet('单位');
    sheet.addRow(['示范县新增单位名录']);
    sheet.mergeCells('A1:E1');
    sheet.addRow(['序号', '单位编码', '单位名称', '单位类型', '上级单位']);
    sheet.addRow([1, 'ｔＦ', '\u3000己镇 ', '乡镇', '示范县']); // full-width code, a kind by its label, a parent by name
    sheet.addRow([2, 'vF1', '己村\u00a0', '村', '己镇']); // a parent by the name of another row
    sheet.addRow([]);
    sheet.addRow(['', '\u3000']);
    const result = await system
      .http()
      .post('/api/units/import')
      .set('Authorization', admin())
      .attach('file', Buffer.from(await units.xlsx.writeBuffer()), 'units.xlsx')
      .expect(201);
    expect(result.body).toEqual({ created: 2, codes: ['tF', 'vF1'] });
    const village = await system.http().get('/api/units/vF1').set('Authorization', admin()).expect(200);
    expect(village.body).toMatchObject({ name: '己村', kind: 'village', path: '/c1/tF/vF1/' });

    const people = new ExcelJS.Workbook();
    const list = people.addWorksheet('人员');
    list.addRow(['己镇人员名单']);
    list.mergeCells('A1:E1');
    list.addRow(['序号', '用户名', '姓名', '单位', '角色']);
    list.addRow([1, 'ｊｉ０１', '己一', '己镇', '责任单位']); // a unit by name, a full-width username
    list.addRow([2, 'ji02', '己二 ', 'vF1', ' 责任单位\u3000']);
    const imported = await system
      .http()
      .post('/api/users/import')
      .set('Authorization', admin())
      .attach('file', Buffer.from(await people.xlsx.writeBuffer()), 'people.xlsx')
      .expect(201);
    expect(imported.body.created).toBe(2);
    const ji01 = imported.body.initialPasswords.find((p: { username: string }) => p.username === 'ji01');
    const me = await system
      .http()
      .get('/api/users/me')
      .set('Authorization', await system.login('ji01', ji01.password))
      .expect(200);
    expect(me.body).toMatchObject({ displayName: '己一', unitCode: 'tF', roles: ['department'] });
  });

  it('rejects a whole import naming each bad row, and writes nothing', async () => {
    const before = { units: await count(system, 'unit'), audit: await count(system, 'audit_entry') };
    const file = await xlsx([
      ['code', 'name', 'kind', 'parent_code'],
      ['tE', '戊镇', 'township', 'c1'],
      ['vE1', '戊村', 'hamlet', 'tE'],
      ['vE2', '', 'village', 'tE'],
      ['vE3', '戊三村', 'village', 'nowhere'],
      ['c1', '重复县', 'county', ''],
    ]);
    const response = await system
      .http()
      .post('/api/units/import')
      .set('Authorization', admin())
      .attach('file', file, 'units.xlsx')
      .expect(400);
    expect(response.body.code).toBe('IMPORT_REJECTED');
    expect(response.body.message).toContain('4 行有误');
    expect(response.body.details).toEqual([
      {
        row: 3,
        field: 'kind',
        column: 'kind',
        value: 'hamlet',
        problems: [expect.stringContaining('须为以下之一：')],
      },
      { row: 4, field: 'name', column: 'name', value: '', problems: ['不能为空'] },
      {
        row: 5,
        field: 'parentCode',
        column: 'parent_code',
        value: 'nowhere',
        problems: ['没有编码或名称为 nowhere 的上级单位'],
      },
      { row: 6, field: 'code', column: 'code', value: 'c1', problems: ['单位编码 c1 已存在'] },
    ]);
    expect({ units: await count(system, 'unit'), audit: await count(system, 'audit_entry') }).toEqual(before);
  });

  it('refuses a file of another type or with missing columns', async () => {
    const wrongType = await system
      .http()
      .post('/api/units/import')
      .set('Authorization', admin())
      .attach('file', Buffer.from('x'), 'units.txt')
      .expect(400);
    expect(wrongType.body.code).toBe('FILE_TYPE');
    const noColumns = await system
      .http()
      .post('/api/units/import')
      .set('Authorization', admin())
      .attach('file', Buffer.from('编码,名称\na,b\n'), 'u.csv')
      .expect(400);
    expect(noColumns.body).toMatchObject({
      code: 'COLUMNS_MISSING',
      message: '缺少列：单位类型、上级单位编码',
    });
    const none = await system.http().post('/api/units/import').set('Authorization', admin()).expect(400);
    expect(none.body.code).toBe('FILE_MISSING');
  });

  it('imports people with Chinese role names and gives each a first password, shown once', async () => {
    const file = await xlsx([
      ['用户名', '姓名', '单位编码', '角色'],
      ['wang', '王五', 'vA1', '责任单位'],
      ['zhao', '赵六', 'c1', '领导小组、督查组'],
    ]);
    const result = await system
      .http()
      .post('/api/users/import')
      .set('Authorization', admin())
      .attach('file', file, 'people.xlsx')
      .expect(201);
    expect(result.body.created).toBe(2);
    const zhao = result.body.initialPasswords.find((p: { username: string }) => p.username === 'zhao');
    const auth = await system.login('zhao', zhao.password);
    const me = await system.http().get('/api/users/me').set('Authorization', auth).expect(200);
    expect(me.body).toMatchObject({
      displayName: '赵六',
      unitCode: 'c1',
      roles: ['leadership', 'inspector'],
    });
  });

  it('rejects a people import with an unknown unit, a taken username or an unknown role, and writes nothing', async () => {
    const users = await count(system, 'app_user');
    const csv =
      'username,display_name,unit_code,roles\nqian,钱七,nowhere,department\ndeptA,重名,tA,department\nsun,孙八,tA,superuser\n';
    const response = await system
      .http()
      .post('/api/users/import')
      .set('Authorization', admin())
      .attach('file', Buffer.from(csv), 'p.csv')
      .expect(400);
    expect(response.body.details).toEqual([
      {
        row: 2,
        field: 'unitCode',
        column: 'unit_code',
        value: 'nowhere',
        problems: ['没有编码或名称为 nowhere 的单位'],
      },
      { row: 3, field: 'username', column: 'username', value: 'deptA', problems: ['用户名 deptA 已被使用'] },
      {
        row: 4,
        field: 'roles',
        column: 'roles',
        value: 'superuser',
        problems: [expect.stringContaining('每一项须为以下角色之一：')],
      },
    ]);
    expect(await count(system, 'app_user')).toBe(users);
  });

  it('records who changed a person, what and why', async () => {
    await system
      .http()
      .patch(`/api/users/${fixture.ids.deptB}`)
      .set('Authorization', admin())
      .send({ unitCode: 'vB1', reason: '下沉到村' })
      .expect(200);
    const history = await system
      .http()
      .get(`/api/audit?subject=user:${fixture.ids.deptB}`)
      .set('Authorization', admin())
      .expect(200);
    const update = history.body.items.find((e: { action: string }) => e.action === 'user.updated');
    expect(update).toMatchObject({
      actorName: '系统管理员（admin）',
      actorUnit: 'system',
      reason: '下沉到村',
    });
    expect(update.before.unitCode).toBe('tB');
    expect(update.after.unitCode).toBe('vB1');
  });
});
