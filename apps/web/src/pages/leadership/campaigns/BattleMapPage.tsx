import { FundProjectionScreenOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Space } from 'antd';
import { useParams } from 'react-router';
import { useMe } from '../../../app/me';
import { CampaignActions } from '../../command-center/campaigns/CampaignActions';
import { TaskBatchButton } from '../../command-center/campaigns/TaskBatchButton';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { LiveBadge } from '../../../shared/live/LiveBadge';
import { PageSpinner } from '../../../shared/PageSpinner';
import { BattleMapHeader } from './BattleMapHeader';
import { useCampaignProgress } from './campaign-queries';
import { EscalationsPanel } from './EscalationsPanel';
import { GoalCharts } from './GoalCharts';
import { ResponsibilityDownload } from './ResponsibilityDownload';
import { TaskFilters } from './TaskFilters';
import { TaskTable } from './TaskTable';
import { UnitRankingChart } from './UnitRankingChart';
import { taskTree, useBattleMapFilters } from './useBattleMapFilters';
import { useCampaignLive } from './useCampaignLive';

/** One campaign's battle map (挂图作战), live from its change feed. */
export default function BattleMapPage() {
  const campaignId = useParams().campaignId ?? '';
  const { access } = useMe();
  const progress = useCampaignProgress(campaignId);
  const live = useCampaignLive(campaignId);
  const [filters, setFilters] = useBattleMapFilters();

  if (progress.isPending) return <PageSpinner />;
  const data = progress.data;
  if (!data) return <ApiErrorAlert error={progress.error} />;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <BattleMapHeader
        progress={data}
        extra={
          <Space wrap align="start">
            <LiveBadge state={live} />
            {access.wall && (
              <Button href={`/wall/${campaignId}`} target="_blank" icon={<FundProjectionScreenOutlined />}>
                大屏
              </Button>
            )}
            <ResponsibilityDownload campaignId={campaignId} campaignName={data.campaign.name} />
            {access.commandDesk && <CampaignActions campaignId={campaignId} />}
          </Space>
        }
      />
      {/* A refetch that failed keeps the last figures on screen, with the reason. */}
      <ApiErrorAlert error={progress.isRefetchError ? progress.error : null} />
      <Card title="目标完成情况" size="small">
        <GoalCharts goals={data.goals} />
      </Card>
      <Card title="任务挂图" size="small">
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <TaskFilters tasks={data.tasks} filters={filters} onChange={setFilters} />
          {access.commandDesk && <TaskBatchButton campaignId={campaignId} filters={filters} />}
          <TaskTable campaignId={campaignId} tasks={taskTree(data.tasks, filters)} />
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title="牵头单位排名" size="small">
            <UnitRankingChart ranking={data.ranking} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <EscalationsPanel progress={data} />
        </Col>
      </Row>
    </Space>
  );
}
