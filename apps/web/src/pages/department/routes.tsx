import type { PageGroup } from '../../app/nav';

/** A department's day's work: to-do, campaign tasks, rectification items, households, notifications. */
export const departmentPages: PageGroup = {
  routes: [],
  nav: [],
};
