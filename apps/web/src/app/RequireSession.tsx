import { Spin } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { currentAccessToken, onSessionChange, refreshSession } from '../api/session';

/** Renders its children for a signed-in person; restores the session after a reload, else sends to /login. */
export function RequireSession({ children }: { children: ReactNode }) {
  const location = useLocation();
  const [state, setState] = useState<'checking' | 'in' | 'out'>(currentAccessToken() ? 'in' : 'checking');

  useEffect(() => {
    if (state === 'checking') {
      void refreshSession().then((token) => setState(token ? 'in' : 'out'));
    }
    return onSessionChange((signedIn) => setState(signedIn ? 'in' : 'out'));
  }, [state]);

  if (state === 'checking') return <Spin size="large" fullscreen tip="正在恢复登录状态…" />;
  if (state === 'out') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
