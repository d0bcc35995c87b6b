import { TableColumns, templateHeader } from '../common/table-file';

/** Columns of the household workbook, English or Chinese headers; the template uses the Chinese ones. */
export const HOUSEHOLD_COLUMNS: TableColumns = {
  householdNo: { names: ['household_no', '户编号'], kind: 'code' },
  headName: { names: ['head_name', '户主姓名'] },
  township: { names: ['township', '乡镇编码', '乡镇'], kind: 'code' },
  village: { names: ['village', '村编码', '村'], kind: 'code' },
  registeredPoor: { names: ['registered_poor', '是否建档立卡贫困户'], kind: 'boolean' },
  houseRating: { names: ['house_rating', '房屋危险等级'], kind: 'code' },
  plannedSubsidy: { names: ['planned_subsidy', '计划补助金额（元）'], kind: 'number' },
};

/** The template's headers, in order: the import reads them, the export writes them first. */
export const IMPORT_HEADERS = Object.values(HOUSEHOLD_COLUMNS).map(templateHeader);

/** One request may bring a whole county's programme. */
export const MAX_IMPORT_ROWS = 20_000;
