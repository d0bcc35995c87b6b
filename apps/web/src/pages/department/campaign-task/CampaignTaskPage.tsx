import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Flex, Progress, Row, Space, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { useMe } from '../../../app/me';
import { showDeadline, showTime } from '../../../shared/deadline';
import { escalationColour } from '../../../shared/escalation';
import { EvidenceCard } from '../../../shared/evidence/EvidenceCard';
import { PageSpinner } from '../../../shared/PageSpinner';
import { Timeline, timelineEntries } from '../../../shared/timeline/Timeline';
import { UnitName } from '../rectification/PersonName';
import { PendingPledge } from './PendingPledge';
import { QueryFailure } from './QueryFailure';
import { fetchTask, shareDone, taskFacts, taskQueryKey } from './task-queries';
import { TaskProgressForm } from './TaskProgressForm';
import { TaskSubmitForm } from './TaskSubmitForm';
import { daysTextNow, deadlineDateOf } from './view-values';
import { TaskReviewActions } from '../../command-center/campaigns/TaskReviewActions';

const STATUS_COLOURS: Record<string, string> = {
  'in-progress': 'processing',
  submitted: 'warning',
  accepted: 'success',
};

/** A campaign task: its state, the lead unit's steps, evidence and timeline. */
export default function CampaignTaskPage() {
  const { campaignId = '', taskKey = '' } = useParams();
  const { me, access } = useMe();
  const query = useQuery({
    queryKey: taskQueryKey(campaignId, taskKey),
    queryFn: () => fetchTask(campaignId, taskKey),
  });
  if (query.isLoading || !me) return <PageSpinner />;
  if (query.error || !query.data) return <QueryFailure error={query.error} what="攻坚任务" />;
  const task = query.data;
  const facts = taskFacts(task);
  const share = shareDone(facts);
  const isDepartment = me.roles.includes('department');
  const isLead = isDepartment && me.unitCode === task.lead;
  const isOurs = isLead || (isDepartment && task.cooperating.includes(me.unitCode));
  const open = !facts.closedAt && task.status === 'in-progress';
  const evidencePath = `/api/campaigns/${campaignId}/tasks/${encodeURIComponent(task.key)}/evidence`;

  return (
    <div>
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0, overflowWrap: 'anywhere' }}>
          {task.key} {task.name}
        </Typography.Title>
        <Tag color={STATUS_COLOURS[task.status]}>{task.statusLabel}</Tag>
        {task.escalationLevel > 0 && (
          <Tag color={escalationColour(task.escalationLevel)}>
            {task.escalations.at(-1)?.label ?? `督办 ${task.escalationLevel} 级`}
          </Tag>
        )}
        {task.behindPace && <Tag color="orange">落后序时进度</Tag>}
        {facts.closedAt && <Tag>攻坚行动已结束</Tag>}
        {access.commandDesk && !facts.closedAt && (
          <TaskReviewActions campaignId={campaignId} taskKey={task.key} status={task.status} />
        )}
      </Flex>
      {isOurs && <PendingPledge campaignId={campaignId} unitCode={me.unitCode} canSign={isDepartment} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title="任务情况">
              <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }}>
                <Descriptions.Item label="期限">
                  {showDeadline(task.deadline, task.deadlineDate)}
                  {task.status !== 'accepted' && !facts.closedAt && (
                    <Tag style={{ marginLeft: 8 }}>{daysTextNow(task.deadline)}</Tag>
                  )}
                </Descriptions.Item>
                {task.originalDeadline !== task.deadline && (
                  <Descriptions.Item label="原定期限">
                    {showDeadline(task.originalDeadline, task.originalDeadlineDate)}
                  </Descriptions.Item>
                )}
                <Descriptions.Item label="目标">
                  {facts.target ? `${facts.target.quantity} ${facts.target.unit}` : '按完成比例'}
                </Descriptions.Item>
                <Descriptions.Item label="完成">
                  {facts.target
                    ? `${facts.quantityDone ?? 0} ${facts.target.unit}`
                    : facts.percentDone !== null
                      ? `${facts.percentDone}%`
                      : '尚未上报'}
                </Descriptions.Item>
                <Descriptions.Item label="牵头单位">
                  <UnitName code={task.lead} />
                </Descriptions.Item>
                <Descriptions.Item label="配合单位">
                  {task.cooperating.length
                    ? task.cooperating.map((code, index) => (
                        <span key={code}>
                          {index > 0 && '、'}
                          <UnitName code={code} />
                        </span>
                      ))
                    : '—'}
                </Descriptions.Item>
                {task.dependsOn.length > 0 && (
                  <Descriptions.Item label="前置任务">{task.dependsOn.join('、')}</Descriptions.Item>
                )}
                {facts.lastReturnReason && (
                  <Descriptions.Item label={`退回理由（第 ${task.returnCount} 次）`}>
                    <Typography.Text type="danger">{facts.lastReturnReason}</Typography.Text>
                  </Descriptions.Item>
                )}
              </Descriptions>
              {share !== null && <Progress percent={share} aria-label="完成进度" />}
              {facts.extensions.length > 0 && (
                <div style={{ marginTop: 8 }}>
                  {facts.extensions.map((extension) => (
                    <div key={extension.at}>
                      延期：{showDeadline(extension.from, deadlineDateOf(extension.from))} →{' '}
                      {showDeadline(extension.to, deadlineDateOf(extension.to))}（{extension.reason}）
                    </div>
                  ))}
                </div>
              )}
            </Card>
            {task.escalations.length > 0 && (
              <Card size="small" title="督办">
                <Space orientation="vertical" size={4}>
                  {task.escalations.map((escalation) => (
                    <div key={`${escalation.level}:${escalation.issuedAt}`}>
                      <Tag color={escalationColour(escalation.level)}>{escalation.label}</Tag>
                      {escalation.unit} · {showTime(escalation.issuedAt)}
                    </div>
                  ))}
                </Space>
              </Card>
            )}
            {isOurs && open && (
              <Card size="small" title="上报进度">
                <TaskProgressForm task={task} />
              </Card>
            )}
            {isLead && open && (
              <Card size="small" title="申请验收">
                <TaskSubmitForm task={task} />
              </Card>
            )}
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <EvidenceCard
              basePath={evidencePath}
              items={task.evidence}
              canUpload={isOurs && !facts.closedAt && task.status !== 'accepted'}
              invalidates={[taskQueryKey(campaignId, taskKey)]}
            />
            <Card size="small" title="办理记录">
              <Timeline entries={timelineEntries(task.timeline)} />
            </Card>
          </Space>
        </Col>
      </Row>
    </div>
  );
}
