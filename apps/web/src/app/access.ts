/**
 * What the signed-in person may see and do, from one place (ant-design-pro's access.ts): routes,
 * the navigation and buttons read these booleans. The API still decides every request.
 */
export type Role = 'admin' | 'command-center' | 'department' | 'leadership' | 'inspector';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  unitCode: string;
  roles: Role[];
}

export interface Access {
  /** Campaign list, battle maps, housing and ledger overviews: everyone who reads across units. */
  overview: boolean;
  /** The wall display (大屏) of the command center. */
  wall: boolean;
  /** Leadership's queue of summons and accountability steps. */
  leaderQueue: boolean;
  /** A unit's own day's work: to-do, tasks, items, households. */
  unitWork: boolean;
  /** Launch, accept, return, extend, bulletins: the command center's desk. */
  commandDesk: boolean;
  /** Units, people, tokens, the audit trail. */
  admin: boolean;
  /** Verifying close-outs of rectification items. */
  verify: boolean;
}

export function accessOf(me: Me | undefined): Access {
  const has = (role: Role) => me?.roles.includes(role) ?? false;
  const acrossUnits = has('admin') || has('command-center') || has('leadership') || has('inspector');
  return {
    overview: acrossUnits,
    wall: has('command-center') || has('leadership') || has('admin'),
    leaderQueue: has('leadership'),
    unitWork: has('department') || has('command-center') || has('admin'),
    commandDesk: has('command-center') || has('admin'),
    admin: has('admin'),
    verify: has('inspector') || has('command-center') || has('admin'),
  };
}

/** Where a person lands after signing in. */
export function homePathOf(access: Access): string {
  if (access.leaderQueue || access.overview) return '/campaigns';
  return '/todo';
}
