import type { PageGroup } from '../../app/nav';

/** The admin's pages: units, people, tokens, the audit trail (Web console II). */
export const adminPages: PageGroup = {
  routes: [],
  nav: [],
};
