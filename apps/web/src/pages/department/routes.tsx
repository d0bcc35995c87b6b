import { BellOutlined, CheckSquareOutlined, TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { PageGroup } from '../../app/nav';

const TodoPage = lazy(() => import('./todo/TodoPage'));
const CampaignTaskPage = lazy(() => import('./campaign-task/CampaignTaskPage'));
const RectificationItemPage = lazy(() => import('./rectification/RectificationItemPage'));
const NotificationsPage = lazy(() => import('./notifications/NotificationsPage'));
const HouseholdTablePage = lazy(() => import('./households/HouseholdTablePage'));
const HouseholdPage = lazy(() => import('./households/HouseholdPage'));

/** A department's day's work: to-do, campaign tasks, rectification items, households, notifications. */
export const departmentPages: PageGroup = {
  routes: [
    { path: 'todo', element: <TodoPage /> },
    { path: 'campaigns/:campaignId/tasks/:taskKey', element: <CampaignTaskPage /> },
    { path: 'rectifications/:itemId', element: <RectificationItemPage /> },
    { path: 'households', element: <HouseholdTablePage /> },
    { path: 'households/:householdId', element: <HouseholdPage /> },
    { path: 'notifications', element: <NotificationsPage /> },
  ],
  nav: [
    { path: '/todo', label: '我的待办', icon: <CheckSquareOutlined />, visible: (access) => access.unitWork },
    {
      path: '/households',
      label: '农户',
      icon: <TeamOutlined />,
      visible: (access) => access.unitWork || access.overview,
    },
    { path: '/notifications', label: '通知', icon: <BellOutlined />, visible: () => true },
  ],
};
