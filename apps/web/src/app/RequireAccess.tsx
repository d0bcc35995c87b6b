import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { LazyResult } from '../shared/LazyResult';
import type { Access } from './access';
import { useMe } from './me';

/** A page for some people only: others see a refusal page, as the API would refuse them. */
export function RequireAccess({
  allow,
  children,
}: {
  allow: (access: Access) => boolean;
  children: ReactNode;
}) {
  const { access, isLoading } = useMe();
  if (isLoading) return <Spin />;
  if (!allow(access)) return <LazyResult status="403" title="无权访问" subTitle="您的角色无权查看此页面。" />;
  return <>{children}</>;
}
