import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Unit } from '../../../../libs/database/src/organisation/unit.entity';
import { UnitQueries } from '../../../../libs/database/src/organisation/unit.queries';
import {
  isWithin,
  orderParentsFirst,
  UNIT_KIND_LABELS,
  UNIT_KINDS,
  unitPath,
  type UnitKind,
} from '../../../../libs/domain/src/organisation/unit-tree';
import { resolveUnit } from '../../../../libs/domain/src/table/references';
import { auditActor, CurrentUser } from '../access/current-user';
import { AuditService } from '../audit/audit.service';
import { AccessCache } from '../auth/access-cache';
import { ImportTable, importRejected, RowProblem, TableColumns } from '../common/table-file';
import { validateRow } from '../common/validate-row';
import { CreateUnitBody, UnitImportResult, UnitsQuery, UnitView, UpdateUnitBody } from './dto/unit.dto';
import { UnitsErrors } from './units.errors';

export const UNIT_COLUMNS: TableColumns = {
  code: { names: ['code', '编码', '单位编码'], kind: 'code' },
  name: { names: ['name', '名称', '单位名称'] },
  kind: { names: ['kind', '类型', '单位类型'], kind: 'code' },
  parentCode: { names: ['parent_code', '上级编码', '上级单位', '上级单位编码'], kind: 'code' },
};

/** Words for a unit kind that are not its label or a part of it. */
const UNIT_KIND_WORDS: Record<string, UnitKind> = { 乡镇: 'township', 街道: 'township', 县区: 'county' };

/**
 * A unit kind as written: its code (`township`), its label or one of its parts (乡/镇/办 → 镇), or
 * 乡镇, 街道, 县区; anything else is passed on as written, for validation to name.
 */
export function unitKindOf(text: string): string {
  const kind = UNIT_KINDS.find(
    (k) =>
      k === text.toLowerCase() ||
      UNIT_KIND_LABELS[k] === text ||
      UNIT_KIND_LABELS[k].split('/').includes(text),
  );
  return kind ?? UNIT_KIND_WORDS[text] ?? text;
}

export function unitView(unit: Unit): UnitView {
  return {
    code: unit.code,
    name: unit.name,
    kind: unit.kind,
    kindLabel: UNIT_KIND_LABELS[unit.kind],
    parentCode: unit.parentCode,
    path: unit.path,
  };
}

const snapshot = (u: Unit) => ({ code: u.code, name: u.name, kind: u.kind, parentCode: u.parentCode });

const notFound = (code: string) => UnitsErrors.error('UNIT_NOT_FOUND', `单位 ${code} 不存在`);

@Injectable()
export class UnitsService {
  constructor(
    private readonly audit: AuditService,
    private readonly units: UnitQueries,
    private readonly access: AccessCache,
  ) {}

  async list(query: UnitsQuery): Promise<UnitView[]> {
    const withinPath = query.within ? (await this.get(query.within)).path : undefined;
    return (await this.units.list({ parent: query.parent, kind: query.kind, withinPath })).map(unitView);
  }

  async get(code: string): Promise<Unit> {
    const unit = await this.units.byCode(code);
    if (!unit) throw notFound(code);
    return unit;
  }

  create(caller: CurrentUser, body: CreateUnitBody): Promise<UnitView> {
    return this.audit.inTransaction(async (manager) => unitView(await this.insert(manager, caller, body)));
  }

  private async insert(manager: EntityManager, caller: CurrentUser, body: CreateUnitBody): Promise<Unit> {
    const units = new UnitQueries(manager);
    if (await units.exists(body.code)) {
      throw UnitsErrors.error('UNIT_EXISTS', `单位编码 ${body.code} 已存在`);
    }
    const parent = body.parentCode ? await units.byCode(body.parentCode) : null;
    if (body.parentCode && !parent) {
      const message = `上级单位 ${body.parentCode} 不存在`;
      throw UnitsErrors.error('PARENT_NOT_FOUND', message, [{ field: 'parentCode', problems: [message] }]);
    }
    const unit = await units.insert({
      code: body.code,
      name: body.name,
      kind: body.kind,
      parentCode: parent?.code ?? null,
      path: unitPath(parent?.path ?? null, body.code),
    });
    await this.audit.record(manager, auditActor(caller), {
      action: 'unit.created',
      subject: `unit:${unit.code}`,
      after: snapshot(unit),
    });
    return unit;
  }

  /**
   * Renames, re-kinds or moves a unit; moving re-paths everything below it in the same transaction,
   * and once committed empties this process's access cache (a person's unit path is in it).
   */
  async update(caller: CurrentUser, code: string, body: UpdateUnitBody): Promise<UnitView> {
    const view = await this.audit.inTransaction(async (manager) => {
      const units = new UnitQueries(manager);
      const unit = await units.byCodeForUpdate(code);
      if (!unit) throw notFound(code);
      const before = snapshot(unit);
      if (body.name !== undefined) unit.name = body.name;
      if (body.kind !== undefined) unit.kind = body.kind;
      if (body.parentCode !== undefined && body.parentCode !== unit.parentCode) {
        const parent = body.parentCode === null ? null : await units.byCode(body.parentCode);
        if (body.parentCode !== null && !parent) {
          throw UnitsErrors.error('PARENT_NOT_FOUND', `上级单位 ${body.parentCode} 不存在`);
        }
        if (parent && isWithin(parent.path, unit.path)) throw UnitsErrors.error('UNIT_CYCLE');
        const oldPath = unit.path;
        unit.parentCode = parent?.code ?? null;
        unit.path = unitPath(parent?.path ?? null, unit.code);
        await units.repathBelow(unit.code, oldPath, unit.path);
      }
      await units.save(unit);
      await this.audit.record(manager, auditActor(caller), {
        action: 'unit.updated',
        subject: `unit:${unit.code}`,
        before,
        after: snapshot(unit),
        reason: body.reason,
      });
      return unitView(unit);
    });
    if (body.parentCode !== undefined) this.access.forgetAll();
    return view;
  }

  /**
   * Checks every row (fields, duplicates, parents) and reports every problem at once; imports all
   * of them in one transaction, or none. The kind may be written as its label (部门, 乡镇 …), the
   * parent as a code or a name (an existing unit's or another row's).
   */
  async import(caller: CurrentUser, table: ImportTable): Promise<UnitImportResult> {
    const problems: RowProblem[] = [];
    const valid: Array<{ row: number; body: CreateUnitBody; parent: string }> = [];
    const seen = new Map<string, number>();
    for (const { row, cells } of table.rows) {
      const { value, problems: rowProblems } = await validateRow(CreateUnitBody, row, {
        code: cells.code,
        name: cells.name,
        kind: unitKindOf(cells.kind),
        parentCode: undefined,
      });
      problems.push(...rowProblems);
      const first = seen.get(value.code);
      if (first !== undefined)
        problems.push({ row, field: 'code', problems: [`单位编码 ${value.code} 与第 ${first} 行重复`] });
      seen.set(value.code, row);
      if (rowProblems.length === 0) valid.push({ row, body: value, parent: cells.parentCode });
    }
    return this.audit.inTransaction(async (manager) => {
      const known = await new UnitQueries(manager).codesAndNames();
      const existing = new Set(known.map((u) => u.code));
      const candidates = [...known, ...valid.map(({ body }) => ({ code: body.code, name: body.name }))];
      for (const { row, body, parent } of valid) {
        if (existing.has(body.code))
          problems.push({ row, field: 'code', problems: [`单位编码 ${body.code} 已存在`] });
        if (!parent) continue;
        const resolved = resolveUnit(parent, candidates, '上级单位');
        if (resolved.ok) body.parentCode = resolved.value.code;
        else problems.push({ row, field: 'parentCode', problems: [resolved.problem] });
      }
      const { ordered, unresolved } = orderParentsFirst(
        valid.map(({ body }) => ({ code: body.code, parentCode: body.parentCode ?? null })),
        existing,
      );
      for (const unit of unresolved) {
        const row = valid.find((v) => v.body.code === unit.code)!.row;
        if (problems.some((p) => p.row === row && p.field === 'parentCode')) continue;
        problems.push({
          row,
          field: 'parentCode',
          problems: [`上级单位 ${unit.parentCode} 与其他行互为上级`],
        });
      }
      if (problems.length > 0) throw importRejected(problems, table);
      const byCode = new Map(valid.map(({ body }) => [body.code, body]));
      for (const { code } of ordered) await this.insert(manager, caller, byCode.get(code)!);
      return { created: ordered.length, codes: ordered.map((u) => u.code) };
    });
  }
}
