import { findDeadlines, findWindows, phraseDate } from './dates';
import { headingOf } from './outline';
import { findTargets } from './quantities';
import { matchForm, readParagraphs } from './text';
import { matchUnit, type UnitRef } from './units';

const dates = (text: string, year = 2018) => findDeadlines(text).map((p) => phraseDate(p, year));

describe('deadline phrases', () => {
  it.each([
    ['6月底前完成', '2018-06-30'],
    ['5月中旬基本整改到位', '2018-05-20'],
    ['5月上旬前建成', '2018-05-10'],
    ['6月下旬前完成', '2018-06-30'],
    ['11月底前全部完工', '2018-11-30'],
    ['确保年底前完成', '2018-12-31'],
    ['8月末发展木耳', '2018-08-31'],
    ['6月30日前完成', '2018-06-30'],
    ['六月底前', '2018-06-30'],
    ['十二月中旬', '2018-12-20'],
    ['2019年2月底前', '2019-02-28'],
    ['2020年2月底前', '2020-02-29'],
    ['2019年底前', '2019-12-31'],
  ])('%s → %s', (text, expected) => {
    expect(dates(text)).toEqual([expected]);
  });

  it('does not read a start ("7月1日起"), a status date ("截至10月20日") or a month ("6月份") as a deadline', () => {
    expect(dates('自2018年7月1日起，截至10月20日，在6月份检查')).toEqual([]);
  });

  it('gives no date for a day that does not exist', () => {
    expect(dates('2月30日前')).toEqual([null]);
  });
});

describe('windows', () => {
  it('reads "从现在开始到9月底结束" as no start and the end of September', () => {
    expect(findWindows('从现在开始到9月底结束')).toEqual([
      { start: 0, end: 9, from: null, to: { year: null, month: 9, day: null } },
    ]);
  });
  it('reads "2019年5月至8月" as the first of May to the end of August 2019', () => {
    expect(findWindows('2019年5月至8月，共4个月')[0]).toMatchObject({
      from: { year: 2019, month: 5, day: 1 },
      to: { year: 2019, month: 8, day: null },
    });
  });
});

describe('text as read', () => {
  it('removes the reading after a character ("節(jié)") and keeps numbering brackets', () => {
    expect(readParagraphs('一是時間節(jié)點\r\n(一)關于\n\n').map((p) => p.text)).toEqual([
      '一是時間節點',
      '(一)關于',
    ]);
  });
  it('matches in simplified characters, offset for offset', () => {
    const text = '縣衛計局牽頭(配合單位:各鄉鎮)';
    expect(matchForm(text)).toBe('县卫计局牵头（配合单位：各乡镇）');
    expect(matchForm(text)).toHaveLength(text.length);
  });
});

describe('headings', () => {
  it.each([
    ['一、行动时间', 'chapter', 1, '行动时间'],
    ['（十）关于社会扶贫助力行动', 'section', 10, '关于社会扶贫助力行动'],
    ['（三）、规范操作，稳步推进。', 'section', 3, '规范操作，稳步推进'],
    ['2.决胜危房改造。908户', 'item', 2, '决胜危房改造'],
    ['3、村组道路', 'item', 3, '村组道路'],
    ['（2）分类鉴定', 'paren-item', 2, '分类鉴定'],
    ['二是加强职业教育。建立', 'ordinal', 2, '加强职业教育'],
  ])('%s', (text, style, number, title) => {
    const heading = headingOf(text);
    expect(
      heading && {
        style: heading.style,
        number: heading.number,
        title: text.slice(heading.titleStart, heading.titleEnd),
      },
    ).toEqual({ style, number, title });
  });
  it('is not fooled by a year or a decimal', () => {
    expect(headingOf('2019年5月至8月')).toBeNull();
    expect(headingOf('2.4亿元')).toBeNull();
  });
});

describe('units', () => {
  const units: UnitRef[] = [
    { code: 'zjj', name: '县住建局', kind: 'bureau', parentCode: 'county' },
    { code: 'tzb', name: '县委统战部', kind: 'bureau', parentCode: 'county' },
    { code: 'cgz', name: '城关镇', kind: 'township', parentCode: 'county' },
    { code: 'xhz', name: '新华镇', kind: 'township', parentCode: 'county' },
    { code: 'sj', name: '市交通局', kind: 'bureau', parentCode: null },
    { code: 'xj', name: '县交通局', kind: 'bureau', parentCode: 'county' },
  ];
  it.each([
    ['县住建局', { kind: 'unit', code: 'zjj', how: 'exact' }],
    ['住建局', { kind: 'unit', code: 'zjj', how: 'short' }],
    ['縣住建局', { kind: 'unit', code: 'zjj', how: 'exact' }],
    ['统战部', { kind: 'unit', code: 'tzb', how: 'short' }],
    ['各乡镇', { kind: 'all-townships', codes: ['cgz', 'xhz'] }],
    ['各镇办党委政府', { kind: 'all-townships', codes: ['cgz', 'xhz'] }],
    ['各乡镇场街', { kind: 'all-townships', codes: ['cgz', 'xhz'] }],
    ['县环保局', { kind: 'unknown' }],
    ['交通局', { kind: 'unknown' }],
  ])('%s', (written, expected) => {
    expect(matchUnit(written, units)).toEqual(expected);
  });
});

describe('targets', () => {
  it('takes quantities stated as what is to be done, not norms per item, ranges, money or years', () => {
    const found = (text: string) => findTargets(matchForm(text)).map((t) => `${t.quantity}${t.unit}`);
    expect(found('确保完成747户贫困户危房改造任务')).toEqual(['747户']);
    expect(found('每个贫困村都要筛选、包装1个以上项目')).toEqual([]);
    expect(found('每村至少培育3-5名创业致富带头人')).toEqual([]);
    expect(found('由每人每年3720元提高到4176元，提高幅度12%')).toEqual([]);
    expect(found('8月末发展木耳栽植8千亩')).toEqual(['8000亩']);
    expect(found('必保达到98%的底线目标')).toEqual(['98%']);
  });
});
