import { Spin } from 'antd';
import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import {
  currentAccessToken,
  mustChangePassword,
  onPasswordChangeRequired,
  onSessionChange,
  refreshSession,
} from '../api/session';

/** Renders its children for a signed-in person; restores the session after a reload, else sends to /login. */
export function RequireSession({ children }: { children: ReactNode }) {
  const location = useLocation();
  const [state, setState] = useState<'checking' | 'in' | 'out'>(currentAccessToken() ? 'in' : 'checking');
  const passwordChange = useSyncExternalStore(onPasswordChangeRequired, mustChangePassword);

  useEffect(() => {
    if (state === 'checking') {
      void refreshSession().then((token) => setState(token ? 'in' : 'out'));
    }
    return onSessionChange((signedIn) => setState(signedIn ? 'in' : 'out'));
  }, [state]);

  if (state === 'checking') return <Spin size="large" fullscreen tip="正在恢复登录状态…" />;
  // After an admin's reset nothing else is allowed: the login page asks for a new password first.
  if (state === 'out' || passwordChange) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
