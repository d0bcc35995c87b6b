import { In } from 'typeorm';
import { Queries } from '../queries';
import { Unit } from '../organisation/unit.entity';
import { User } from './user.entity';

/** What a new person is created with (the rest takes the table's defaults). */
export type NewUser = Pick<User, 'username' | 'displayName' | 'unitCode' | 'roles' | 'passwordHash'>;

/** Serialises the creation of the first admin across API processes starting together. */
const FIRST_ADMIN_LOCK = 727_003;

/** People (`app_user`): who they are, their unit and roles, their password and sign-in lock. */
export class UserQueries extends Queries {
  private get users() {
    return this.db.getRepository(User);
  }

  /**
   * People in unit path order, then by username; `own` and `within` (unit paths) each keep only
   * those whose unit is that unit or one below it.
   */
  listedUnder(paths: { own?: string; within?: string }): Promise<User[]> {
    const qb = this.users.createQueryBuilder('u').innerJoin(Unit, 'unit', 'unit.code = u.unit_code');
    if (paths.own !== undefined) qb.andWhere('unit.path LIKE :own', { own: `${paths.own}%` });
    if (paths.within !== undefined) qb.andWhere('unit.path LIKE :within', { within: `${paths.within}%` });
    return qb.orderBy('unit.path').addOrderBy('u.username').getMany();
  }

  byId(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  /** The person, locked for the rest of the transaction. */
  byIdForUpdate(id: string): Promise<User | null> {
    return this.users.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  byIds(ids: string[]): Promise<User[]> {
    return this.users.findBy({ id: In(ids) });
  }

  exists(id: string): Promise<boolean> {
    return this.users.existsBy({ id });
  }

  usernameTaken(username: string): Promise<boolean> {
    return this.users.existsBy({ username });
  }

  async allUsernames(): Promise<Set<string>> {
    return new Set((await this.users.find({ select: { username: true } })).map((u) => u.username));
  }

  /** The person with their password hash (not read otherwise), by username. */
  withPasswordByUsername(username: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username })
      .getOne();
  }

  /** The person with their password hash; fails when there is none with this id. */
  withPasswordById(id: string): Promise<User> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id })
      .getOneOrFail();
  }

  /** Ids of the active people holding `role`, optionally only those of the given units. */
  async activeIdsWithRole(role: string, unitCodes?: string[]): Promise<string[]> {
    const query = this.users
      .createQueryBuilder('u')
      .select('u.id')
      .where(':role = ANY(u.roles)', { role })
      .andWhere('u.active');
    if (unitCodes) query.andWhere('u.unit_code IN (:...unitCodes)', { unitCodes });
    return (await query.getMany()).map((u) => u.id);
  }

  /** Creates a person; the returned entity carries the generated id and defaults. */
  async insert(fields: NewUser): Promise<User> {
    const user = this.users.create(fields);
    await this.users.insert(user);
    return user;
  }

  save(user: User): Promise<User> {
    return this.users.save(user);
  }

  /** Counts one more wrong password; answers the failures in a row so far. */
  async countFailedSignIn(id: string): Promise<number> {
    const result = await this.users
      .createQueryBuilder()
      .update(User)
      .set({ failedLogins: () => 'failed_logins + 1' })
      .where('id = :id', { id })
      .returning('failed_logins')
      .execute();
    return Number((result.raw as Array<{ failed_logins: number }>)[0]?.failed_logins ?? 0);
  }

  /** Locks sign-in until `until` and starts counting failures again. */
  async lockSignIn(id: string, until: Date): Promise<void> {
    await this.users.update({ id }, { failedLogins: 0, lockedUntil: until });
  }

  /** Forgets the wrong passwords and lifts a lock. */
  async clearSignInFailures(id: string): Promise<void> {
    await this.users.update({ id }, { failedLogins: 0, lockedUntil: null });
  }

  /** An administrator's reset: the new hash, no lock, and a new password due at the next sign-in. */
  async resetPassword(id: string, passwordHash: string): Promise<void> {
    await this.users.update(
      { id },
      { passwordHash, failedLogins: 0, lockedUntil: null, mustChangePassword: true },
    );
  }

  /** The person's own change: the new hash, and no change due any more. */
  async changePassword(id: string, passwordHash: string): Promise<void> {
    await this.users.update({ id }, { passwordHash, mustChangePassword: false });
  }

  /** Waits (until the transaction ends) for another process creating the first admin. */
  async lockFirstAdminCreation(): Promise<void> {
    await this.db.query('SELECT pg_advisory_xact_lock($1)', [FIRST_ADMIN_LOCK]);
  }

  async anyAdmin(): Promise<boolean> {
    const admins = await this.db.query<unknown[]>(
      `SELECT 1 FROM app_user WHERE 'admin' = ANY(roles) LIMIT 1`,
    );
    return admins.length > 0;
  }
}
