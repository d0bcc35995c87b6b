import {
  cellText,
  cleanCode,
  cleanText,
  dayToIsoInput,
  displayWidth,
  findHeaderRow,
  parseBoolean,
  parseDay,
  parseNumber,
} from './cell-rules';

describe('reading cells the way Excel writes them', () => {
  it('cleans stray blanks: full-width spaces, non-breaking spaces, line ends', () => {
    expect(cleanText('\u3000 张三\u00a0')).toBe('张三');
    expect(cleanText('a\r\nb')).toBe('a\nb');
    expect(cellText('  \u3000 ')).toBe('');
  });

  it('folds full-width digits and letters in codes, not in ordinary text', () => {
    expect(cleanCode('ｂｊ－ｚｊｊ０１')).toBe('bj-zjj01');
    expect(cleanCode('Ａ')).toBe('A');
    expect(cellText('问题，２项')).toBe('问题，２项');
  });

  it('reads an Excel date cell as the day Excel shows, whatever the server time zone', () => {
    // exceljs gives the wall clock in UTC fields: 2019-05-31 in the sheet is 2019-05-31T00:00Z
    expect(cellText(new Date(Date.UTC(2019, 4, 31)))).toBe('2019-05-31');
    expect(parseDay(new Date(Date.UTC(2019, 4, 31, 18, 0)))).toBe('2019-05-31 18:00');
    // a serial rounded to the millisecond a hair before midnight is still that midnight
    expect(parseDay(new Date(Date.UTC(2019, 4, 31, 23, 59, 59, 999)))).toBe('2019-06-01');
  });

  it('reads dates typed as text in the usual Chinese ways, refusing days that do not exist', () => {
    expect(parseDay('2019-05-31')).toBe('2019-05-31');
    expect(parseDay('2019/5/31')).toBe('2019-05-31');
    expect(parseDay('2019.5.3')).toBe('2019-05-03');
    expect(parseDay('2019年5月31日')).toBe('2019-05-31');
    expect(parseDay('２０１９－０５－３１')).toBe('2019-05-31');
    expect(parseDay('2019-05-31 18:30')).toBe('2019-05-31 18:30');
    expect(parseDay('2019-02-30')).toBeNull();
    expect(parseDay('6月底')).toBeNull();
    expect(parseDay(43616)).toBeNull();
    expect(dayToIsoInput('2019-05-31')).toBe('2019-05-31');
    expect(dayToIsoInput('2019-05-31 18:30')).toBe('2019-05-31T18:30:00+08:00');
  });

  it('reads numbers typed as numbers or as text', () => {
    expect(parseNumber(14000)).toBe(14000);
    expect(parseNumber('１４０００')).toBe(14000);
    expect(parseNumber(' 14,000.50 元')).toBe(14000.5);
    expect(parseNumber('一万')).toBeNull();
    expect(parseNumber('')).toBeNull();
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(5224010001)).toBe('5224010001');
  });

  it('reads every usual way of writing yes and no', () => {
    for (const yes of ['是', 'Y', 'y', 'yes', 'TRUE', 'true', '1', '√', '✓', 'Ｙ', ' 是\u3000', 1, true])
      expect(parseBoolean(yes)).toBe(true);
    for (const no of ['否', 'N', 'n', 'no', 'FALSE', '0', '×', '✗', 'Ｎ', 0, false])
      expect(parseBoolean(no)).toBe(false);
    for (const neither of ['', '也许', 2, null, undefined]) expect(parseBoolean(neither)).toBeNull();
  });

  it('finds the header row under title rows, by its known column names', () => {
    const columns = { code: ['code', '单位编码'], name: ['name', '单位名称'] };
    const grid = [
      ['示范县单位名录', '示范县单位名录', '示范县单位名录'],
      ['（2019年5月）'],
      ['序号', '单位编码 ', '单位名称（全称）'],
      ['序号', '单位编码', '单位名称'],
      ['1', 'bj', '保靖县'],
    ];
    expect(findHeaderRow(grid, columns)).toEqual({
      index: 3,
      positions: new Map([
        ['code', 1],
        ['name', 2],
      ]),
    });
    // headers are matched without blanks, case or full-width differences
    expect(findHeaderRow([['ＣＯＤＥ', ' Name\u3000']], columns)?.positions.size).toBe(2);
    // none complete: the row with the most, so the caller can name what is missing
    expect(findHeaderRow([['title'], ['单位编码', '其他']], columns)).toEqual({
      index: 1,
      positions: new Map([['code', 0]]),
    });
    expect(findHeaderRow([['title']], columns)).toBeNull();
  });

  it('measures column widths with CJK characters counting double', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('责任单位')).toBe(8);
    expect(displayWidth('短\n长一些的行')).toBe(10);
  });
});
