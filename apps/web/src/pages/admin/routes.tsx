import { ApartmentOutlined, AuditOutlined, TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { PageGroup } from '../../app/nav';
import { RequireAccess } from '../../app/RequireAccess';

const PeoplePage = lazy(() => import('./people/PeoplePage'));
const UnitsPage = lazy(() => import('./units/UnitsPage'));
const AuditPage = lazy(() => import('./audit/AuditPage'));

const admin = (element: React.ReactNode) => (
  <RequireAccess allow={(access) => access.admin}>{element}</RequireAccess>
);

/** The admin's pages: units, people, tokens, the audit trail (Web console II). */
export const adminPages: PageGroup = {
  routes: [
    { path: 'admin/people', element: admin(<PeoplePage />) },
    { path: 'admin/units', element: admin(<UnitsPage />) },
    { path: 'admin/audit', element: admin(<AuditPage />) },
  ],
  nav: [
    { path: '/admin/people', label: '人员管理', icon: <TeamOutlined />, visible: (access) => access.admin },
    {
      path: '/admin/units',
      label: '单位管理',
      icon: <ApartmentOutlined />,
      visible: (access) => access.admin,
    },
    { path: '/admin/audit', label: '审计记录', icon: <AuditOutlined />, visible: (access) => access.admin },
  ],
};
