import { ConfigProvider, Progress, theme, Typography } from 'antd';
import { useParams } from 'react-router';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { daysText, showDeadline } from '../../../shared/deadline';
import { LiveBadge } from '../../../shared/live/LiveBadge';
import { PageSpinner } from '../../../shared/PageSpinner';
import { useCampaignProgress } from '../campaigns/campaign-queries';
import { EscalationTag } from '../campaigns/EscalationTag';
import { escalatedTasks } from '../campaigns/EscalationsPanel';
import { campaignDaysText, windowText } from '../campaigns/format';
import { GoalCharts } from '../campaigns/GoalCharts';
import { UnitRankingChart } from '../campaigns/UnitRankingChart';
import { useCampaignLive } from '../campaigns/useCampaignLive';
import { WallClock } from './WallClock';
import { WallTaskList } from './WallTaskList';

const BACKGROUND = '#0b1526';

/** The command center's wall display (大屏): full screen, dark, live; nothing to click once open. */
export default function WallDisplayPage() {
  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm, token: { colorBgContainer: BACKGROUND } }}>
      <WallDisplay />
    </ConfigProvider>
  );
}

function WallDisplay() {
  const campaignId = useParams().campaignId ?? '';
  const progress = useCampaignProgress(campaignId);
  const live = useCampaignLive(campaignId);
  const { token } = theme.useToken();

  const frame = {
    width: '100vw',
    height: '100vh',
    overflow: 'hidden',
    boxSizing: 'border-box',
    background: BACKGROUND,
    color: token.colorText,
    padding: '24px 40px',
    display: 'grid',
    gridTemplateRows: 'auto 280px minmax(0, 1fr)',
    gap: 24,
  } as const;

  if (progress.isPending)
    return (
      <div style={frame}>
        <PageSpinner />
      </div>
    );
  if (!progress.data)
    return (
      <div style={frame}>
        <ApiErrorAlert error={progress.error} />
      </div>
    );
  const { campaign, counts, goals, ranking, tasks } = progress.data;
  const overdue = tasks
    .filter((task) => !task.isGroup && task.overdue)
    .sort((a, b) => (b.daysOverdue ?? 0) - (a.daysOverdue ?? 0));
  const escalated = escalatedTasks(progress.data);

  return (
    <main style={frame} data-testid="wall-display">
      <header
        style={{
          display: 'grid',
          gridTemplateColumns: 'minmax(0, 1fr) 560px',
          gap: 32,
          alignItems: 'center',
        }}
      >
        <div style={{ minWidth: 0 }}>
          <Typography.Title
            level={1}
            style={{
              margin: 0,
              fontSize: 52,
              whiteSpace: 'nowrap',
              overflow: 'hidden',
              textOverflow: 'ellipsis',
            }}
          >
            {campaign.name}
          </Typography.Title>
          <div style={{ fontSize: 28, marginTop: 8 }}>
            {windowText(campaign.window)} · {campaign.statusLabel} ·{' '}
            <strong data-testid="wall-days-left">{campaignDaysText(campaign.daysLeft)}</strong>
          </div>
          <div style={{ fontSize: 26, marginTop: 8, display: 'flex', gap: 32, flexWrap: 'wrap' }}>
            <span>任务 {counts.tasks}</span>
            <span>已完成 {counts.accepted}</span>
            <span style={{ color: counts.overdue ? token.colorError : undefined }}>
              逾期 {counts.overdue}
            </span>
            <span>督办 {counts.escalated}</span>
            <span>
              责任状 {counts.pledgesSigned}/{counts.pledges}
            </span>
          </div>
        </div>
        <div style={{ display: 'flex', alignItems: 'center', gap: 24, justifyContent: 'flex-end' }}>
          <Progress
            type="circle"
            percent={campaign.percentage}
            size={180}
            strokeWidth={10}
            format={(percent) => <span style={{ fontSize: 44, fontWeight: 700 }}>{percent}%</span>}
            aria-label={`总体进度 ${campaign.percentage}%`}
          />
          <div style={{ display: 'flex', flexDirection: 'column', gap: 12, fontSize: 26 }}>
            <span>总体进度</span>
            <WallClock fontSize={26} />
            <LiveBadge state={live} fontSize={26} />
          </div>
        </div>
      </header>
      <section aria-label="目标完成情况" style={{ minHeight: 0, overflow: 'hidden' }}>
        <GoalCharts goals={goals} dark height={180} />
      </section>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 32, minHeight: 0 }}>
        <WallTaskList
          title="逾期任务"
          tasks={overdue}
          max={8}
          empty="暂无逾期任务"
          detail={(task) => (
            <span style={{ color: token.colorError }}>
              {showDeadline(task.deadline, task.deadlineDate)} {daysText(task.daysLeft, task.daysOverdue)}
            </span>
          )}
        />
        <WallTaskList
          title="督办任务"
          tasks={escalated}
          max={8}
          empty="暂无督办任务"
          detail={(task) => (
            <EscalationTag level={task.escalationLevel} label={task.escalationLabel} fontSize={22} />
          )}
        />
        <section
          aria-label="牵头单位排名"
          style={{ minHeight: 0, overflow: 'hidden', display: 'flex', flexDirection: 'column' }}
        >
          <Typography.Title level={2} style={{ margin: '0 0 12px', fontSize: 32 }}>
            牵头单位排名
          </Typography.Title>
          <div style={{ flex: 1, minHeight: 0 }}>
            <UnitRankingChart
              ranking={ranking}
              dark
              height={Math.min(460, 40 + ranking.length * 34)}
              fontSize={20}
            />
          </div>
        </section>
      </div>
    </main>
  );
}
