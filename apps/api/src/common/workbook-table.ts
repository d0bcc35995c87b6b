import type ExcelJS from 'exceljs';
import { displayWidth } from '../../../../libs/domain/src/table/cell-rules';
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

/** Another instant (a close-out, a signature) as a date cell with its CST date and time. */
export function instantCell(instant: Date | string): DateCell {
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

/** A column of a table sheet: its header, and the widest it may grow (longer text wraps). */
export interface TableColumn {
  header: string;
  width?: number;
}

/** Where the header row of a table sheet is: under its title. */
export const TABLE_HEADER_ROW = 2;
/** Header of the row-number column every table sheet starts with (imports ignore it). */
export const ROW_NUMBER_HEADER = '序号';
const MAX_WIDTH = 50;

function cellWidth(cell: TableCell): number {
  if (typeof cell === 'object') return cell.numFmt.length;
  return displayWidth(String(cell));
}

/**
 * Print setup of every sheet written: A4 landscape, fit to the page width, and the header row (when
 * there is one) repeated at the top of every page.
 */
export function printSetup(sheet: ExcelJS.Worksheet, headerRow?: number): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    ...(headerRow ? { printTitlesRow: `${headerRow}:${headerRow}` } : {}),
  };
}

/**
 * Fills a sheet as a table, the one way every export and template is written: a title row (merged
 * across the table), a bold frozen header row, a 序号 column, then the rows, wrapped at the top of
 * each cell; column widths fit the content (CJK characters count double; long text wraps at the
 * column's `width`, 50 at most); printed on A4 landscape, fit to the page width, the header row
 * repeated on every page. Strings are written as text, never as formulas: a name or problem starting
 * with "=" stays text. Date cells (deadlines: `deadlineCell`) are Excel dates with their format.
 */
export function writeTable(
  sheet: ExcelJS.Worksheet,
  columns: TableColumn[],
  rows: TableCell[][],
  options: { title: string },
): void {
  const all: TableColumn[] = [{ header: ROW_NUMBER_HEADER, width: 8 }, ...columns];
  const numbered: TableCell[][] = rows.map((row, index) => [index + 1, ...row]);
  sheet.addRow([options.title]);
  sheet.mergeCells(1, 1, 1, all.length);
  const title = sheet.getRow(1);
  title.font = { bold: true, size: 14 };
  title.alignment = { vertical: 'middle', horizontal: 'center' };
  title.height = 24;
  const header = sheet.addRow(all.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7ECF3' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const row of numbered) addTableRow(sheet, row);
  all.forEach((column, index) => {
    // a loop, not a spread: an export may have tens of thousands of rows
    let widest = displayWidth(column.header);
    for (const row of numbered) widest = Math.max(widest, cellWidth(row[index] ?? ''));
    sheet.getColumn(index + 1).width = Math.max(
      6,
      Math.min(widest + 2, column.width ?? MAX_WIDTH, MAX_WIDTH),
    );
  });
  sheet.views = [{ state: 'frozen', ySplit: TABLE_HEADER_ROW, xSplit: 0 }];
  printSetup(sheet, TABLE_HEADER_ROW);
  sheet.eachRow((row, number) => {
    if (number > 1) row.alignment = { vertical: 'top', wrapText: true };
  });
}
