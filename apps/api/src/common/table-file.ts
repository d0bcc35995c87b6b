import { BadRequestException } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** One data row of an uploaded table: its 1-based row number in the file, and cells by column key. */
export interface TableRow {
  row: number;
  cells: Record<string, string>;
}

export interface UploadedTable {
  originalname: string;
  buffer: Buffer;
}

/**
 * Reads the first sheet of an XLSX file, or a CSV file (UTF-8, BOM allowed), into rows keyed by
 * column: `columns` maps each key to the header texts accepted for it (English or Chinese).
 */
export async function readTable(
  file: UploadedTable | undefined,
  columns: Record<string, string[]>,
): Promise<TableRow[]> {
  if (!file) throw new BadRequestException({ code: 'FILE_MISSING', message: '请上传文件（字段名 file）' });
  const name = file.originalname.toLowerCase();
  const grid = name.endsWith('.xlsx')
    ? await xlsxGrid(file.buffer)
    : name.endsWith('.csv')
      ? csvGrid(file.buffer)
      : undefined;
  if (!grid) throw new BadRequestException({ code: 'FILE_TYPE', message: '仅支持 .xlsx 或 .csv 文件' });
  const [header, ...body] = grid;
  if (!header) throw new BadRequestException({ code: 'FILE_EMPTY', message: '文件为空' });
  const positions = new Map<string, number>();
  header.forEach((text, index) => {
    const key = Object.entries(columns).find(([, names]) => names.includes(text.trim()))?.[0];
    if (key) positions.set(key, index);
  });
  const missing = Object.entries(columns).filter(([key]) => !positions.has(key));
  if (missing.length > 0) {
    throw new BadRequestException({
      code: 'COLUMNS_MISSING',
      message: `缺少列：${missing.map(([, names]) => names[names.length - 1]).join('、')}`,
      details: missing.map(([key, names]) => ({
        field: key,
        problems: [`缺少标题为 ${names.join(' 或 ')} 的列`],
      })),
    });
  }
  return body
    .map((cells, index) => ({
      row: index + 2,
      cells: Object.fromEntries([...positions].map(([key, at]) => [key, (cells[at] ?? '').trim()])),
    }))
    .filter((row) => Object.values(row.cells).some((value) => value !== ''));
}

function csvGrid(buffer: Buffer): string[][] {
  try {
    const grid: string[][] = parse(buffer, { bom: true, relax_column_count: true, skip_empty_lines: true });
    return grid;
  } catch (error) {
    throw new BadRequestException({
      code: 'FILE_UNREADABLE',
      message: 'CSV 文件无法解析',
      details: { reason: (error as Error).message },
    });
  }
}

async function xlsxGrid(buffer: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new BadRequestException({
      code: 'FILE_UNREADABLE',
      message: 'XLSX 文件无法解析',
      details: { reason: (error as Error).message },
    });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const grid: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      values[column - 1] = cell.text ?? '';
    });
    grid[rowNumber - 1] = values;
  });
  return Array.from(grid, (row) => row ?? []);
}

export interface RowProblem {
  row: number;
  field: string;
  problems: string[];
}

/** Refuses a whole import, naming every bad row and why; nothing has been written. */
export function importRejected(problems: RowProblem[]): BadRequestException {
  const rows = [...new Set(problems.map((p) => p.row))];
  return new BadRequestException({
    code: 'IMPORT_REJECTED',
    message: `导入未执行：${rows.length} 行有误（第 ${rows.slice(0, 10).join('、')}${rows.length > 10 ? ' 等' : ''} 行），请修正后重新导入`,
    details: problems,
  });
}
