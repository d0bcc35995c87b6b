import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { UserQueries } from '../../../../libs/database/src/identity/user.queries';
import { UnitQueries } from '../../../../libs/database/src/organisation/unit.queries';
import { resolveUnit } from '../../../../libs/domain/src/table/references';
import type { CurrentUser } from '../access/current-user';
import { AuditService } from '../audit/audit.service';
import { ImportTable, importRejected, RowProblem, TableColumns } from '../common/table-file';
import { validateRow } from '../common/validate-row';
import { CreateUserBody, UserImportResult } from './dto/user.dto';
import { UsersService } from './users.service';

export const USER_COLUMNS: TableColumns = {
  username: { names: ['username', '用户名', '账号'], kind: 'code' },
  displayName: { names: ['display_name', '姓名'] },
  unitCode: { names: ['unit_code', '单位', '单位编码'], kind: 'code' },
  roles: { names: ['roles', '角色'] },
};

/** Importing people from a table: every row checked, all created or none. */
@Injectable()
export class UserImportService {
  constructor(
    private readonly audit: AuditService,
    private readonly people: UsersService,
  ) {}

  /**
   * Checks every row (fields, duplicates, units) and reports every problem at once; creates all
   * users in one transaction or none, each with a generated initial password. The unit may be
   * written as its code or its name.
   */
  async import(caller: CurrentUser, table: ImportTable): Promise<UserImportResult> {
    const problems: RowProblem[] = [];
    const valid: Array<{ row: number; body: CreateUserBody }> = [];
    const seen = new Map<string, number>();
    return this.audit.inTransaction(async (manager) => {
      const units = await new UnitQueries(manager).codesAndNames();
      const taken = await new UserQueries(manager).allUsernames();
      for (const { row, cells } of table.rows) {
        const unit = cells.unitCode ? resolveUnit(cells.unitCode, units) : undefined;
        const { value, problems: rowProblems } = await validateRow(CreateUserBody, row, {
          ...cells,
          unitCode: unit?.ok ? unit.value.code : cells.unitCode,
        });
        if (unit && !unit.ok) {
          const fieldProblems = rowProblems.filter((p) => p.field !== 'unitCode');
          rowProblems.length = 0;
          rowProblems.push(...fieldProblems, { row, field: 'unitCode', problems: [unit.problem] });
        }
        problems.push(...rowProblems);
        const first = seen.get(value.username);
        if (first !== undefined)
          problems.push({
            row,
            field: 'username',
            problems: [`用户名 ${value.username} 与第 ${first} 行重复`],
          });
        else if (taken.has(value.username))
          problems.push({ row, field: 'username', problems: [`用户名 ${value.username} 已被使用`] });
        seen.set(value.username, row);
        if (rowProblems.length === 0) valid.push({ row, body: value });
      }
      if (problems.length > 0) throw importRejected(problems, table);
      const initialPasswords: UserImportResult['initialPasswords'] = [];
      for (const { body } of valid) {
        const password = randomBytes(12).toString('base64url');
        initialPasswords.push({ username: body.username, password });
        await this.people.insert(manager, caller, body, password);
      }
      return { created: valid.length, initialPasswords };
    });
  }
}
