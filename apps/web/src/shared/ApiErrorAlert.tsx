import { Alert } from 'antd';
import { ApiError } from '../api/api-error';

/**
 * A refusal shown where it belongs: the API's Chinese message (a 409's reason next to its action),
 * with the problems of fields that no form field displays.
 */
export function ApiErrorAlert({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const problems = apiError?.fieldProblems ?? [];
  return (
    <Alert
      role="alert"
      type="error"
      showIcon
      style={style}
      title={apiError?.message ?? (error as Error).message ?? '请求失败'}
      description={
        problems.length > 0 ? (
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {problems.map((problem) => (
              <li key={problem.field}>
                {problem.field}：{problem.problems.join('；')}
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
