import { lazy } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { adminPages } from '../pages/admin/routes';
import { commandCenterPages } from '../pages/command-center/routes';
import { departmentPages } from '../pages/department/routes';
import { leadershipPages } from '../pages/leadership/routes';
import { homePathOf } from './access';
import { useMe } from './me';
import { RequireSession } from './RequireSession';
import { PageSpinner } from '../shared/PageSpinner';
import { Suspense } from 'react';

// The frame loads after sign-in, so the login page does not pay for the navigation's code.
const AppLayout = lazy(() => import('./AppLayout').then((module) => ({ default: module.AppLayout })));
const NotFoundPage = lazy(() => import('../pages/auth/NotFoundPage'));
const LoginPage = lazy(() => import('../pages/auth/LoginPage'));
const OpenFilePage = lazy(() => import('../pages/auth/OpenFilePage'));
const WallDisplayPage = lazy(() => import('../pages/leadership/wall/WallDisplayPage'));

const groups = [leadershipPages, departmentPages, commandCenterPages, adminPages];

function Home() {
  const { access, isLoading } = useMe();
  if (isLoading) return <PageSpinner />;
  return <Navigate to={homePathOf(access)} replace />;
}

/** Every page has its own URL: deep links and the back button work. Pages load lazily. */
export const routes: RouteObject[] = [
  {
    path: '/login',
    element: (
      <Suspense fallback={<PageSpinner />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    // The wall display fills the screen: no navigation, no controls.
    path: '/wall/:campaignId',
    element: (
      <RequireSession>
        <Suspense fallback={<PageSpinner />}>
          <WallDisplayPage />
        </Suspense>
      </RequireSession>
    ),
  },
  {
    element: (
      <RequireSession>
        <Suspense fallback={<PageSpinner />}>
          <AppLayout nav={groups.flatMap((group) => group.nav)} />
        </Suspense>
      </RequireSession>
    ),
    children: [
      { index: true, element: <Home /> },
      { path: 'open', element: <OpenFilePage /> },
      ...groups.flatMap((group) => group.routes),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
