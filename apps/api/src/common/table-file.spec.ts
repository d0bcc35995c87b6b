import ExcelJS from 'exceljs';
import { importRejected, readCell, readTable, TableColumns } from './table-file';

const COLUMNS: TableColumns = {
  code: { names: ['code', '单位编码'], kind: 'code' },
  day: { names: ['day', '期限'], kind: 'date' },
  poor: { names: ['poor', '是否贫困户'], kind: 'boolean' },
  amount: { names: ['amount', '金额'], kind: 'number' },
  note: { names: ['note', '备注'], optional: true },
};

async function xlsx(build: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet('Sheet1'));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('reading an uploaded table', () => {
  it('reads each cell by its column kind', () => {
    expect(readCell('ｔＡ', 'code')).toBe('tA');
    expect(readCell(new Date(Date.UTC(2019, 4, 31)), 'date')).toBe('2019-05-31');
    expect(readCell('2019年5月31日 18:00', 'date')).toBe('2019-05-31T18:00:00+08:00');
    expect(readCell('6月底', 'date')).toBe('6月底');
    expect(readCell('√', 'boolean')).toBe('是');
    expect(readCell('也许', 'boolean')).toBe('也许');
    expect(readCell('１４,０００', 'number')).toBe('14000');
    expect(readCell(14000.5, 'number')).toBe('14000.5');
    expect(readCell('\u3000张三\u00a0', 'text')).toBe('张三');
  });

  it('finds the header under merged titles, ignores 序号 and empty rows, and keeps Excel row numbers', async () => {
    const file = await xlsx((sheet) => {
      sheet.addRow(['示范县名录']);
      sheet.mergeCells('A1:F1');
      sheet.addRow([]);
      sheet.addRow(['序号', '单位编码', '期限', '是否贫困户', '金额']);
      sheet.addRow([1, 'ｔＡ', new Date(Date.UTC(2019, 4, 31)), 'Y', { formula: '7000*2', result: 14000 }]);
      sheet.addRow([]);
      sheet.addRow([2, { richText: [{ text: 't' }, { text: 'B' }] }, '2019/6/1', '否', '９０００']);
      sheet.addRow(['', '\u3000']);
    });
    const table = await readTable({ originalname: 'units.xlsx', buffer: file }, COLUMNS);
    expect(table.rows).toEqual([
      {
        row: 4,
        cells: { code: 'tA', day: '2019-05-31', poor: '是', amount: '14000', note: '' },
        written: { code: 'ｔＡ', day: '2019-05-31', poor: 'Y', amount: '14000', note: '' },
      },
      {
        row: 6,
        cells: { code: 'tB', day: '2019-06-01', poor: '否', amount: '9000', note: '' },
        written: { code: 'tB', day: '2019/6/1', poor: '否', amount: '９０００', note: '' },
      },
    ]);
    expect(table.headers).toMatchObject({ code: '单位编码', day: '期限' });
    // a problem names the row, the column as written and the value as written
    const refused = importRejected([{ row: 6, field: 'amount', problems: ['太多'] }], table);
    expect(refused.getResponse()).toMatchObject({
      code: 'IMPORT_REJECTED',
      details: [{ row: 6, field: 'amount', column: '金额', value: '９０００', problems: ['太多'] }],
    });
  });

  it('reads CSV with a title line the same way, and names the columns a file lacks', async () => {
    const csv = '\ufeff示范县名录,,,\ncode,day,poor,amount\n ｔＡ ,2019-05-31,1,"14,000"\n,,,\n';
    const table = await readTable({ originalname: 'u.csv', buffer: Buffer.from(csv) }, COLUMNS);
    expect(table.rows.map((r) => [r.row, r.cells])).toEqual([
      [3, { code: 'tA', day: '2019-05-31', poor: '是', amount: '14000', note: '' }],
    ]);
    await expect(
      readTable({ originalname: 'u.csv', buffer: Buffer.from('code,day\ntA,2019-05-31\n') }, COLUMNS),
    ).rejects.toMatchObject({ response: { code: 'COLUMNS_MISSING', message: '缺少列：是否贫困户、金额' } });
  });
});
