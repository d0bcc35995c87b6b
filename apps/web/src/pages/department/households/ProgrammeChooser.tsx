import { Card, Empty, List, Typography } from 'antd';
import { Link } from 'react-router';

/** When no programme is in the URL: the programmes the person may open. */
export function ProgrammeChooser({
  programmes,
}: {
  programmes: Array<{ id: string; name: string; createdAt: string }>;
}) {
  return (
    <Card title="请选择改造项目">
      {programmes.length === 0 ? (
        <Empty description="暂无危房改造项目" />
      ) : (
        <List
          dataSource={programmes}
          renderItem={(programme) => (
            <List.Item>
              <Link to={`/households?programme=${programme.id}`}>{programme.name}</Link>
              <Typography.Text type="secondary">{programme.createdAt.slice(0, 10)}</Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
