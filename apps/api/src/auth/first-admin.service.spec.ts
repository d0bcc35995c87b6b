import { DataSource } from 'typeorm';
import { Environment } from '../../../../libs/config/src/environment';
import { AuditService } from '../audit/audit.service';
import { FirstAdminService } from './first-admin.service';

/** A database with or without an admin, that fails the test if the service writes to it. */
function database(hasAdmin: boolean): DataSource {
  const manager = {
    query: () => Promise.resolve(hasAdmin ? [{ '?column?': 1 }] : []),
    getRepository: () => {
      throw new Error('wrote to the database');
    },
  };
  return {
    transaction: (work: (m: typeof manager) => Promise<unknown>) => work(manager),
  } as unknown as DataSource;
}

describe('FirstAdminService in production', () => {
  const nodeEnv = process.env.NODE_ENV;
  let printed: jest.SpyInstance;
  beforeEach(() => {
    process.env.NODE_ENV = 'production';
    printed = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
    printed.mockRestore();
  });
  const service = (hasAdmin: boolean) =>
    new FirstAdminService(database(hasAdmin), {} as AuditService, new Environment());

  it('refuses to create the first admin without ADMIN_PASSWORD instead of printing a generated one', async () => {
    await expect(service(false).onApplicationBootstrap()).rejects.toThrow(
      'ADMIN_PASSWORD is required to create the first admin',
    );
    expect(printed).not.toHaveBeenCalled();
  });

  it('starts without ADMIN_PASSWORD once an admin exists', async () => {
    await expect(service(true).onApplicationBootstrap()).resolves.toBeUndefined();
    expect(printed).not.toHaveBeenCalled();
  });
});
