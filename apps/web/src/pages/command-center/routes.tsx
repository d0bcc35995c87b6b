import { FileTextOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { PageGroup } from '../../app/nav';
import { RequireAccess } from '../../app/RequireAccess';

const PlanFromDocumentPage = lazy(() => import('./plan-from-document/PlanFromDocumentPage'));

/** The command center's desk: plans, ledgers, programmes, bulletins (Web console II). */
export const commandCenterPages: PageGroup = {
  routes: [
    {
      path: 'campaigns/new/from-document',
      element: (
        <RequireAccess allow={(access) => access.commandDesk}>
          <PlanFromDocumentPage />
        </RequireAccess>
      ),
    },
  ],
  nav: [
    {
      path: '/campaigns/new/from-document',
      label: '从方案文件生成',
      icon: <FileTextOutlined />,
      visible: (access) => access.commandDesk,
    },
  ],
};
