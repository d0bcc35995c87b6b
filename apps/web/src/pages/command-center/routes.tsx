import { AuditOutlined, FileTextOutlined, HomeOutlined, PlusCircleOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { PageGroup } from '../../app/nav';
import { RequireAccess } from '../../app/RequireAccess';

const PlanFromDocumentPage = lazy(() => import('./plan-from-document/PlanFromDocumentPage'));
const CampaignNewPage = lazy(() => import('./campaigns/CampaignNewPage'));
const CampaignPlanPage = lazy(() => import('./campaigns/CampaignPlanPage'));
const LedgerNewPage = lazy(() => import('./ledgers/LedgerNewPage'));
const SubmittedTasksPage = lazy(() => import('./campaigns/SubmittedTasksPage'));
const FinalReportPage = lazy(() => import('./campaigns/FinalReportPage'));
const ProgrammeNewPage = lazy(() => import('./housing/ProgrammeNewPage'));
const ProgrammeDeskPage = lazy(() => import('./housing/ProgrammeDeskPage'));

const desk = (element: React.ReactNode) => (
  <RequireAccess allow={(access) => access.commandDesk}>{element}</RequireAccess>
);

/** The command center's desk: plans, ledgers, programmes, bulletins (Web console II). */
export const commandCenterPages: PageGroup = {
  routes: [
    { path: 'campaigns/new/from-document', element: desk(<PlanFromDocumentPage />) },
    { path: 'campaigns/new', element: desk(<CampaignNewPage />) },
    { path: 'campaigns/:campaignId/plan', element: desk(<CampaignPlanPage />) },
    { path: 'campaigns/:campaignId/submitted', element: desk(<SubmittedTasksPage />) },
    // Everyone who may read the campaign may read its report; the API decides.
    { path: 'campaigns/:campaignId/report', element: <FinalReportPage /> },
    { path: 'ledgers/new', element: desk(<LedgerNewPage />) },
    { path: 'housing/new', element: desk(<ProgrammeNewPage />) },
    { path: 'housing/:programmeId/desk', element: desk(<ProgrammeDeskPage />) },
  ],
  nav: [
    {
      path: '/campaigns/new',
      label: '新建攻坚行动',
      icon: <PlusCircleOutlined />,
      visible: (access) => access.commandDesk,
    },
    {
      path: '/ledgers/new',
      label: '新建整改台账',
      icon: <AuditOutlined />,
      visible: (access) => access.commandDesk,
    },
    {
      path: '/housing/new',
      label: '新建危房改造项目',
      icon: <HomeOutlined />,
      visible: (access) => access.commandDesk,
    },
    {
      path: '/campaigns/new/from-document',
      label: '从方案文件生成',
      icon: <FileTextOutlined />,
      visible: (access) => access.commandDesk,
    },
  ],
};
