import { DashboardOutlined, HomeOutlined, OrderedListOutlined, SolutionOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { PageGroup } from '../../app/nav';
import { RequireAccess } from '../../app/RequireAccess';

const CampaignListPage = lazy(() => import('./campaigns/CampaignListPage'));
const BattleMapPage = lazy(() => import('./campaigns/BattleMapPage'));
const ProgrammeListPage = lazy(() => import('./housing/ProgrammeListPage'));
const ProgrammeOverviewPage = lazy(() => import('./housing/ProgrammeOverviewPage'));
const LedgerListPage = lazy(() => import('./ledgers/LedgerListPage'));
const LedgerOverviewPage = lazy(() => import('./ledgers/LedgerOverviewPage'));
const LeaderQueuePage = lazy(() => import('./queue/LeaderQueuePage'));

/** Leadership and the command center's overviews: campaigns and battle maps, housing, ledgers, the leader's queue. */
export const leadershipPages: PageGroup = {
  routes: [
    // A department may open the campaigns its unit works in: the API answers what it may read.
    { path: 'campaigns', element: <CampaignListPage /> },
    { path: 'campaigns/:campaignId', element: <BattleMapPage /> },
    { path: 'housing', element: <ProgrammeListPage /> },
    { path: 'housing/:programmeId', element: <ProgrammeOverviewPage /> },
    { path: 'ledgers', element: <LedgerListPage /> },
    { path: 'ledgers/:ledgerId', element: <LedgerOverviewPage /> },
    {
      path: 'leader-queue',
      element: (
        <RequireAccess allow={(access) => access.leaderQueue}>
          <LeaderQueuePage />
        </RequireAccess>
      ),
    },
  ],
  nav: [
    { path: '/campaigns', label: '攻坚行动', icon: <DashboardOutlined />, visible: () => true },
    { path: '/housing', label: '危房改造', icon: <HomeOutlined />, visible: (access) => access.overview },
    {
      path: '/ledgers',
      label: '整改台账',
      icon: <OrderedListOutlined />,
      visible: (access) => access.overview,
    },
    {
      path: '/leader-queue',
      label: '待我决定',
      icon: <SolutionOutlined />,
      visible: (access) => access.leaderQueue,
    },
  ],
};
