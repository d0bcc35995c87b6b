import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Access } from './access';

/** One entry of the side navigation, shown only to people whose access allows it. */
export interface NavItem {
  path: string;
  label: string;
  icon?: ReactNode;
  visible: (access: Access) => boolean;
}

/** The pages of one group of people: its routes (lazily loaded) and its navigation entries. */
export interface PageGroup {
  routes: RouteObject[];
  nav: NavItem[];
}
