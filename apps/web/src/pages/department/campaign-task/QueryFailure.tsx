import { Alert } from 'antd';
import { ApiError } from '../../../api/api-error';
import { LazyResult } from '../../../shared/LazyResult';

/**
 * A page whose object could not be read: the API's 403 as a refusal page with its reason (a
 * department opening another unit's work), a 404 as "not found", anything else as an error.
 */
export function QueryFailure({ error, what }: { error: unknown; what: string }) {
  const apiError = error instanceof ApiError ? error : null;
  if (apiError?.status === 403)
    return <LazyResult status="403" title={`无权访问该${what}`} subTitle={apiError.message} />;
  if (apiError?.status === 404)
    return <LazyResult status="404" title={`未找到该${what}`} subTitle={apiError.message} />;
  return (
    <Alert
      role="alert"
      type="error"
      showIcon
      title={`${what}加载失败`}
      description={apiError?.message ?? (error as Error | null)?.message}
    />
  );
}
