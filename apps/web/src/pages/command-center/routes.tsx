import type { PageGroup } from '../../app/nav';

/** The command center's desk: plans, ledgers, programmes, bulletins (Web console II). */
export const commandCenterPages: PageGroup = {
  routes: [],
  nav: [],
};
