import type ExcelJS from 'exceljs';

/**
 * Fills a sheet as a table: a bold, frozen header row, then the rows, wrapped at the top of each
 * cell. Strings are written as text, never as formulas: a name or problem starting with "=" stays text.
 */
export function writeTable(
  sheet: ExcelJS.Worksheet,
  columns: Array<{ header: string; width: number }>,
  rows: Array<Array<string | number>>,
): void {
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of rows) sheet.addRow(row);
  sheet.eachRow((row) => {
    row.alignment = { vertical: 'top', wrapText: true };
  });
}
