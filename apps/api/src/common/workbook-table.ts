import type ExcelJS from 'exceljs';
import { deadlineDate, showInstant } from '../../../../libs/domain/src/time/deadline-display';

/**
 * A date cell: an Excel date holding a China Standard Time wall clock (Excel dates have no time
 * zone; the file says what a person in the county reads), with its display format.
 */
export interface DateCell {
  date: Date;
  numFmt: 'yyyy-mm-dd' | 'yyyy-mm-dd hh:mm';
}

export type TableCell = string | number | DateCell;

/**
 * A deadline as a date cell, by the deadline display rule (libs/domain time/deadline-display): a
 * date deadline is the Excel date of the day as written (`2026-12-15`, not the next midnight);
 * a deadline instant is its CST date and time.
 */
export function deadlineCell(instant: Date | string): DateCell {
  const day = deadlineDate(instant);
  if (day !== null) return { date: new Date(`${day}T00:00:00.000Z`), numFmt: 'yyyy-mm-dd' };
  return { date: new Date(`${showInstant(instant).replace(' ', 'T')}:00.000Z`), numFmt: 'yyyy-mm-dd hh:mm' };
}

/** Adds a row, date cells as Excel dates with their format. */
export function addTableRow(sheet: ExcelJS.Worksheet, cells: TableCell[]): ExcelJS.Row {
  const row = sheet.addRow(cells.map((cell) => (typeof cell === 'object' ? cell.date : cell)));
  cells.forEach((cell, index) => {
    if (typeof cell === 'object') row.getCell(index + 1).numFmt = cell.numFmt;
  });
  return row;
}

/**
 * Fills a sheet as a table: a bold, frozen header row, then the rows, wrapped at the top of each
 * cell. Strings are written as text, never as formulas: a name or problem starting with "=" stays
 * text. Date cells (deadlines: `deadlineCell`) are Excel dates with their format.
 */
export function writeTable(
  sheet: ExcelJS.Worksheet,
  columns: Array<{ header: string; width: number }>,
  rows: TableCell[][],
): void {
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of rows) addTableRow(sheet, row);
  sheet.eachRow((row) => {
    row.alignment = { vertical: 'top', wrapText: true };
  });
}
