import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { HousingPlaceQueries } from '../../../../libs/database/src/housing/housing-places.queries';
import { showInstant } from '../../../../libs/domain/src/time/deadline-display';
import type { CurrentUser } from '../access/current-user';
import { deadlineCell, writeTable } from '../common/workbook-table';
import { IMPORT_HEADERS, MAX_IMPORT_ROWS } from './household-columns';
import { HouseholdsService } from './households.service';
import { ProgrammesService } from './programmes.service';

/** The household workbooks: the import template, and a programme's households as a workbook. */
@Injectable()
export class HouseholdWorkbookService {
  constructor(
    private readonly places: HousingPlaceQueries,
    private readonly programmes: ProgrammesService,
    private readonly households: HouseholdsService,
  ) {}

  /** The import template: the workbook's columns (乡镇 and 村 by name or code) and an example row. */
  async template(): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    writeTable(
      workbook.addWorksheet('危房改造户'),
      IMPORT_HEADERS.map((header) => ({ header })),
      [['5224010001', '张三', '示范镇', '示范村', '是', 'D', 14000]],
      { title: '危房改造农户导入模板（乡镇、村可填写名称或编码）' },
    );
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  /**
   * The programme's households as a workbook with the template's columns first (it re-imports into
   * another programme as it stands), then where each stands: 当前阶段, 本阶段期限, 是否逾期, 督办级别.
   * A township or village gets its own households.
   */
  async export(caller: CurrentUser, programmeId: string): Promise<{ fileName: string; content: Buffer }> {
    const programme = await this.programmes.programme(programmeId);
    const page = await this.households.list(caller, {
      programme: programmeId,
      page: 1,
      pageSize: MAX_IMPORT_ROWS * 10,
    });
    const codes = [...new Set(page.items.flatMap((h) => [h.village, h.township]))];
    const names = await this.places.namesOf(codes);
    const levelLabel = (level: number) => programme.ladder.find((step) => step.level === level)?.label ?? '';
    const workbook = new ExcelJS.Workbook();
    workbook.creator = '攻坚行动与整改台账工作流引擎';
    writeTable(
      workbook.addWorksheet('危房改造户'),
      [
        ...IMPORT_HEADERS.map((header) => ({ header })),
        { header: '当前阶段' },
        { header: '本阶段期限' },
        { header: '是否逾期' },
        { header: '督办级别' },
      ],
      page.items.map((h) => [
        h.householdNo,
        h.headName,
        names.get(h.township) ?? h.township,
        names.get(h.village) ?? h.village,
        h.registeredPoor ? '是' : '否',
        h.houseRating,
        Number(h.plannedSubsidyYuan),
        h.stageLabel,
        h.stageDeadline ? deadlineCell(h.stageDeadline) : '',
        h.overdue ? '是' : '否',
        levelLabel(h.escalationLevel),
      ]),
      { title: `${programme.name}危房改造农户清单（导出于 ${showInstant(new Date())}）` },
    );
    return {
      fileName: `${programme.name}-农户清单.xlsx`,
      content: Buffer.from(await workbook.xlsx.writeBuffer()),
    };
  }
}
