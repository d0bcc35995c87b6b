import type { BadRequestException } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import {
  cellText,
  cleanCode,
  dayToIsoInput,
  findHeaderRow,
  numberText,
  parseBoolean,
  parseDay,
  parseNumber,
  type RawCell,
} from '../../../../libs/domain/src/table/cell-rules';
import { CommonErrors } from './errors/common.errors';

/**
 * How a column's cells are read (libs/domain table/cell-rules): `text` cleaned of stray blanks;
 * `code` also folds full-width digits and letters; `number` a number typed as a number or as text;
 * `boolean` 是/否 and its variants, read as 是 or 否; `date` an Excel date cell or a typed date, read
 * as `YYYY-MM-DD` (or an ISO instant at +08:00 when it carries a time of day). A cell that is none
 * of these is passed on as written, so the row's validation names it.
 */
export type CellKind = 'text' | 'code' | 'number' | 'boolean' | 'date';

export interface ColumnSpec {
  /** Header texts accepted (English or Chinese); the last one is the template's. */
  names: string[];
  kind?: CellKind;
  /** The file may leave the column out. */
  optional?: boolean;
}

export type TableColumns = Record<string, ColumnSpec>;

/** One data row of an uploaded table: its row number as Excel shows it, and cells by column key. */
export interface TableRow {
  row: number;
  /** Cells read by their column's kind. */
  cells: Record<string, string>;
  /** Cells as written (cleaned text), for problem reports. */
  written: Record<string, string>;
}

export interface ImportTable {
  rows: TableRow[];
  /** Column key → the header as written in the file. */
  headers: Record<string, string>;
}

export interface UploadedTable {
  originalname: string;
  buffer: Buffer;
}

/** What reading an uploaded table may refuse (`readTable`, `importRejected`), for `@ApiErrors` on an import route. */
export const TABLE_FILE_ERRORS = CommonErrors.pick(
  'FILE_MISSING',
  'FILE_TYPE',
  'FILE_EMPTY',
  'FILE_UNREADABLE',
  'COLUMNS_MISSING',
  'IMPORT_REJECTED',
);

/** The header a template writes for a column. */
export const templateHeader = (spec: ColumnSpec): string => spec.names[spec.names.length - 1];

/** A cell read by its column's kind (see `CellKind`). */
export function readCell(raw: RawCell, kind: CellKind = 'text'): string {
  switch (kind) {
    case 'code':
      return cleanCode(cellText(raw));
    case 'number': {
      const value = parseNumber(raw);
      return value === null ? cleanCode(cellText(raw)) : numberText(value);
    }
    case 'boolean': {
      const value = parseBoolean(raw);
      return value === null ? cellText(raw) : value ? '是' : '否';
    }
    case 'date': {
      const day = parseDay(raw);
      return day === null ? cleanCode(cellText(raw)) : dayToIsoInput(day);
    }
    default:
      return cellText(raw);
  }
}

/**
 * Reads the first sheet of an XLSX file, or a CSV file (UTF-8, BOM allowed), into rows keyed by
 * column. Title rows above the header row are skipped (the header row is found by its column
 * names), unknown columns such as 序号 are ignored, empty rows are dropped; row numbers are those
 * Excel shows.
 */
export async function readTable(
  file: UploadedTable | undefined,
  columns: TableColumns,
): Promise<ImportTable> {
  if (!file) throw CommonErrors.error('FILE_MISSING');
  const name = file.originalname.toLowerCase();
  const grid = name.endsWith('.xlsx')
    ? await xlsxGrid(file.buffer)
    : name.endsWith('.csv')
      ? csvGrid(file.buffer)
      : undefined;
  if (!grid) throw CommonErrors.error('FILE_TYPE');
  if (grid.every((row) => row.every((cell) => cellText(cell) === ''))) throw CommonErrors.error('FILE_EMPTY');
  const header = findHeaderRow(
    grid.map((row) => row.map((cell) => cellText(cell))),
    Object.fromEntries(Object.entries(columns).map(([key, spec]) => [key, spec.names])),
  );
  const positions = header?.positions ?? new Map<string, number>();
  const missing = Object.entries(columns).filter(([key, spec]) => !spec.optional && !positions.has(key));
  if (missing.length > 0) {
    throw CommonErrors.error(
      'COLUMNS_MISSING',
      `缺少列：${missing.map(([, spec]) => templateHeader(spec)).join('、')}`,
      missing.map(([key, spec]) => ({
        row: header ? header.index + 1 : 1,
        field: key,
        problems: [`缺少标题为 ${spec.names.join(' 或 ')} 的列`],
      })),
    );
  }
  const headerIndex = header!.index;
  const headerCells = grid[headerIndex];
  const rows: TableRow[] = [];
  grid.forEach((cells, index) => {
    if (index <= headerIndex) return;
    const row: TableRow = { row: index + 1, cells: {}, written: {} };
    for (const [key, at] of positions) {
      row.written[key] = cellText(cells[at]);
      row.cells[key] = readCell(cells[at], columns[key].kind);
    }
    for (const key of Object.keys(columns)) {
      row.cells[key] ??= '';
      row.written[key] ??= '';
    }
    if (Object.values(row.written).some((value) => value !== '')) rows.push(row);
  });
  return {
    rows,
    headers: Object.fromEntries(
      Object.entries(columns).map(([key, spec]) => [
        key,
        positions.has(key) ? cellText(headerCells[positions.get(key)!]) : templateHeader(spec),
      ]),
    ),
  };
}

function csvGrid(buffer: Buffer): RawCell[][] {
  try {
    const grid: string[][] = parse(buffer, { bom: true, relax_column_count: true, skip_empty_lines: false });
    return grid;
  } catch (error) {
    throw CommonErrors.error('FILE_UNREADABLE', 'CSV 文件无法解析', { reason: (error as Error).message });
  }
}

/** A cell's value as plain data: rich text joined, a formula's result, a hyperlink's text. */
function rawValue(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value !== 'object') return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    return result === undefined || (typeof result === 'object' && !(result instanceof Date)) ? null : result;
  }
  if ('text' in value) return rawValue(value.text);
  return null;
}

async function xlsxGrid(buffer: Buffer): Promise<RawCell[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw CommonErrors.error('FILE_UNREADABLE', 'XLSX 文件无法解析', { reason: (error as Error).message });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const grid: RawCell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values: RawCell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      values[column - 1] = rawValue(cell.value);
    });
    grid[rowNumber - 1] = values;
  });
  return Array.from(grid, (row) => row ?? []);
}

export interface RowProblem {
  row: number;
  field: string;
  /** The column's header as written in the file. */
  column?: string;
  /** The cell as written. */
  value?: string;
  problems: string[];
}

/**
 * Refuses a whole import, naming every problem (row as Excel shows it, column, value as written,
 * reasons), in row order; nothing has been written. With the table, each problem gets its column
 * header and the value written.
 */
export function importRejected(problems: RowProblem[], table?: ImportTable): BadRequestException {
  const byRow = new Map(table?.rows.map((r) => [r.row, r]));
  const details = [...problems]
    .sort((a, b) => a.row - b.row)
    .map((p) => {
      const column = table?.headers[p.field];
      if (column === undefined) return p;
      return {
        row: p.row,
        field: p.field,
        column,
        value: byRow.get(p.row)?.written[p.field] ?? '',
        problems: p.problems,
      };
    });
  const rows = [...new Set(details.map((p) => p.row))];
  return CommonErrors.error(
    'IMPORT_REJECTED',
    `导入未执行：${rows.length} 行有误（第 ${rows.slice(0, 10).join('、')}${rows.length > 10 ? ' 等' : ''} 行），请修正后重新导入`,
    details,
  );
}
