import type { ResultProps } from 'antd';
import { lazy, Suspense } from 'react';
import { PageSpinner } from './PageSpinner';

// antd's Result carries large illustrations (403, 404, 500): they load only when a page shows one,
// so the frame and every page that merely may refuse stay light.
const Result = lazy(() => import('antd/es/result'));

/** antd's Result, loaded when first shown. */
export function LazyResult(props: ResultProps) {
  return (
    <Suspense fallback={<PageSpinner />}>
      <Result {...props} />
    </Suspense>
  );
}
