import ExcelJS from 'exceljs';
import { deadlineCell, instantCell, writeTable } from './workbook-table';

describe('the one table writer', () => {
  it('writes a title, a 序号 column, a frozen header, date cells, fitted widths and the print setup', () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('表');
    writeTable(
      sheet,
      [{ header: '责任单位' }, { header: 'deadline' }, { header: '问题', width: 30 }, { header: '销号时间' }],
      [
        [
          '住建局',
          deadlineCell('2026-12-15T16:00:00.000Z'),
          '很长的问题描述'.repeat(10),
          instantCell('2026-12-15T10:00:00Z'),
        ],
        ['甲镇', deadlineCell('2026-12-15T10:00:00Z'), '短', ''],
      ],
      { title: '示范台账' },
    );
    expect(sheet.getCell('A1').value).toBe('示范台账');
    expect(sheet.getCell('A1').isMerged).toBe(true);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([
      '序号',
      '责任单位',
      'deadline',
      '问题',
      '销号时间',
    ]);
    expect(sheet.getRow(3).getCell(1).value).toBe(1);
    expect(sheet.getRow(4).getCell(1).value).toBe(2);
    // a date deadline (the end of 2026-12-15 in CST) is the day written (not the next midnight), an instant its CST time
    expect(sheet.getCell('C3').value).toEqual(new Date('2026-12-15T00:00:00.000Z'));
    expect(sheet.getCell('C3').numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getCell('C4').value).toEqual(new Date('2026-12-15T18:00:00.000Z'));
    expect(sheet.getCell('C4').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(sheet.getCell('E3').numFmt).toBe('yyyy-mm-dd hh:mm');
    // CJK counts double: 责任单位 is 8 wide; long text stops at the column's width and wraps
    expect(sheet.getColumn(2).width).toBe(10);
    expect(sheet.getColumn(4).width).toBe(30);
    expect(sheet.getCell('D3').alignment).toMatchObject({ wrapText: true });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '2:2',
    });
  });
});
