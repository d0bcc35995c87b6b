import { Descriptions, Table, Typography } from 'antd';
import { Link } from 'react-router';
import {
  STAGE_LABELS,
  type HouseholdStage,
} from '../../../../../../libs/domain/src/housing/household-stages';
import { showDeadline } from '../../../shared/deadline';
import { householdsPath, type Programme, type ProgrammeProgress } from './housing-queries';

/** The programme's stage deadlines as written, and how many households are past each. */
export function StageDeadlines({
  programme,
  progress,
}: {
  programme: Programme;
  progress: ProgrammeProgress;
}) {
  const stages = Object.keys(programme.stageDeadlines);
  if (stages.length === 0) return <Typography.Text type="secondary">本项目未设环节期限</Typography.Text>;
  const overdue = new Map(progress.overdueByStage.map((row) => [row.stage, row.households]));
  return (
    <>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }}>
        {stages.map((stage) => (
          <Descriptions.Item key={stage} label={`${STAGE_LABELS[stage as HouseholdStage] ?? stage}完成期限`}>
            {showDeadline(programme.stageDeadlines[stage], programme.stageDeadlineDates[stage])}
          </Descriptions.Item>
        ))}
      </Descriptions>
      {progress.overdueByStage.length > 0 && (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          rowKey="stage"
          pagination={false}
          dataSource={progress.overdueByStage}
          columns={[
            { title: '环节', dataIndex: 'label', key: 'label' },
            {
              title: '期限',
              key: 'deadline',
              render: (_, row) => showDeadline(row.deadline, row.deadlineDate),
            },
            {
              title: '逾期户数',
              key: 'households',
              render: (_, row) => (
                <Typography.Text type={overdue.get(row.stage) ? 'danger' : undefined}>
                  {row.households}
                </Typography.Text>
              ),
            },
          ]}
          footer={() => <Link to={householdsPath(programme.id, 'overdue')}>查看全部逾期农户</Link>}
        />
      )}
    </>
  );
}
