import { Alert, Space, Table } from 'antd';
import { ApiError } from '../api/api-error';
import { ApiErrorAlert } from './ApiErrorAlert';

/** One refused row of a workbook (apps/api/src/common/table-file.ts importRejected). */
export interface RowProblem {
  row: number;
  field: string;
  column?: string;
  value?: string;
  problems: string[];
}

/** The refused rows an import's 400 IMPORT_REJECTED (or 403 OTHER_UNIT) names, in row order. */
export const rowProblemsOf = (error: unknown): RowProblem[] =>
  error instanceof ApiError && Array.isArray(error.details)
    ? (error.details as unknown as RowProblem[]).filter((p) => typeof p.row === 'number')
    : [];

/**
 * A refused import: the API's message, then every bad row with its number, column, what was
 * written and why; any other refusal as an alert.
 */
export function ImportProblems({ error }: { error: unknown }) {
  if (!error) return null;
  const problems = rowProblemsOf(error);
  if (problems.length === 0) return <ApiErrorAlert error={error} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert role="alert" type="error" showIcon title={(error as Error).message} />
      <Table<RowProblem>
        size="small"
        data-testid="import-problems"
        aria-label="有误的行"
        rowKey={(p) => `${p.row}-${p.field}-${p.problems.join()}`}
        dataSource={problems}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 560 }}
        columns={[
          { title: '行号', dataIndex: 'row', key: 'row', width: 70 },
          { title: '列', key: 'column', width: 140, render: (_, p) => p.column ?? p.field },
          { title: '填写内容', key: 'value', width: 160, render: (_, p) => p.value ?? '' },
          { title: '问题', key: 'problems', render: (_, p) => p.problems.join('；') },
        ]}
      />
    </Space>
  );
}
