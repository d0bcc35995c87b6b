import type { PageGroup } from '../../app/nav';

/** Leadership and the command center's overviews: campaigns and battle maps, housing, ledgers, the leader's queue. */
export const leadershipPages: PageGroup = {
  routes: [],
  nav: [],
};
