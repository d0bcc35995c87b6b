import { resolvePerson, resolveUnit } from './references';

const units = [
  { code: 'bj-zjj', name: '住建局' },
  { code: 't1-xc', name: '新村' },
  { code: 't2-xc', name: '新村' },
];
const people = [
  { username: 'zhangsan', displayName: '张三', unitCode: 'bj-zjj' },
  { username: 'zhangsan2', displayName: '张三', unitCode: 'bj-zjj' },
  { username: 'lisi', displayName: '李四', unitCode: 'bj-zjj' },
  { username: 'lisi2', displayName: '李四', unitCode: 't1-xc' },
];

describe('units and people named as a person knows them', () => {
  it('finds a unit by code or by a unique name; a shared name lists the candidates', () => {
    expect(resolveUnit('bj-zjj', units)).toEqual({ ok: true, value: units[0] });
    expect(resolveUnit('住建局', units)).toEqual({ ok: true, value: units[0] });
    expect(resolveUnit('新村', units, '村')).toEqual({
      ok: false,
      problem: '村名称 新村 不唯一（新村：t1-xc、新村：t2-xc），请填写编码',
    });
    expect(resolveUnit('水务局', units)).toEqual({ ok: false, problem: '没有编码或名称为 水务局 的单位' });
  });

  it('finds a person by username anywhere, or by name within the unit, naming the candidates', () => {
    expect(resolvePerson('lisi2', people, units[0])).toEqual({ ok: true, value: people[3] });
    expect(resolvePerson('李四', people, units[0])).toEqual({ ok: true, value: people[2] });
    expect(resolvePerson('李四', people)).toMatchObject({ ok: false });
    expect(resolvePerson('张三', people, units[0])).toEqual({
      ok: false,
      problem: '住建局中姓名为 张三 的人员不止一位（张三：zhangsan、张三：zhangsan2），请填写用户名',
    });
    expect(resolvePerson('王五', people, units[0])).toEqual({
      ok: false,
      problem: '住建局中没有用户名或姓名为 王五 的人员',
    });
  });
});
