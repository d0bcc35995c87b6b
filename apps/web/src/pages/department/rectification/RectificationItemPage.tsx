import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Flex, List, Row, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { api, must } from '../../../api/client';
import { useMe } from '../../../app/me';
import { showDeadline, showTime } from '../../../shared/deadline';
import { escalationColour } from '../../../shared/escalation';
import { EvidenceCard } from '../../../shared/evidence/EvidenceCard';
import { PageSpinner } from '../../../shared/PageSpinner';
import { Timeline, timelineEntries } from '../../../shared/timeline/Timeline';
import { QueryFailure } from '../campaign-task/QueryFailure';
import { daysTextNow, textOf } from '../campaign-task/view-values';
import { fetchItem, itemQueryKey } from './item-queries';
import { ItemSteps } from './ItemSteps';
import { ItemDeskActions } from '../../command-center/ledgers/ItemDeskActions';
import { PersonName, UnitName } from './PersonName';
import { TextAction } from './TextAction';

const STATUS_COLOURS: Record<string, string> = {
  rectifying: 'processing',
  'basic-done': 'cyan',
  submitted: 'warning',
  closed: 'success',
};

/** A rectification item (整改问题): the problem, its deadlines and state, the steps, evidence and history. */
export default function RectificationItemPage() {
  const { itemId = '' } = useParams();
  const { me, access } = useMe();
  const query = useQuery({
    queryKey: itemQueryKey(itemId),
    queryFn: () => fetchItem(itemId),
  });
  if (query.isLoading || !me) return <PageSpinner />;
  if (query.error || !query.data) return <QueryFailure error={query.error} what="整改问题" />;
  const item = query.data;
  const open = item.status !== 'closed';
  const unitSteps = me.roles.includes('department');
  const verifierSteps = access.verify && me.id === item.verifierId;
  const evidencePath = `/api/rectifications/${item.id}/evidence`;
  const lastRejection = [...item.timeline].reverse().find((entry) => entry.type === 'reject');
  const rejectionReason =
    lastRejection && item.status !== 'submitted' && item.status !== 'closed'
      ? textOf(lastRejection.reason)
      : null;
  const running = item.status === 'rectifying' ? item.basicDeadline : item.fullDeadline;

  return (
    <div>
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          整改问题 第 {item.number} 号
        </Typography.Title>
        <Tag color={STATUS_COLOURS[item.status]}>{item.statusLabel}</Tag>
        {item.escalationLevel > 0 && (
          <Tag color={escalationColour(item.escalationLevel)}>
            {item.notices.at(-1)?.label ?? `督办 ${item.escalationLevel} 级`}
          </Tag>
        )}
        {item.overdue && <Tag color="red">已逾期</Tag>}
        {item.paused && <Tag>计时暂停</Tag>}
        {access.admin && <Link to={`/admin/audit?subject=rectification:${item.id}`}>审计记录</Link>}
      </Flex>
      {rejectionReason && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title="验收未通过，退回整改"
          description={`退回理由：${rejectionReason}`}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title="问题与整改措施">
              <Typography.Paragraph style={{ overflowWrap: 'anywhere' }}>{item.problem}</Typography.Paragraph>
              {item.analysis && (
                <Typography.Paragraph type="secondary">原因分析：{item.analysis}</Typography.Paragraph>
              )}
              {item.measures.length > 0 && (
                <ol style={{ paddingLeft: 20, margin: 0 }}>
                  {item.measures.map((measure, index) => (
                    <li key={index}>{measure}</li>
                  ))}
                </ol>
              )}
            </Card>
            <Card size="small" title="责任与期限">
              <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }}>
                <Descriptions.Item label="责任单位">
                  <UnitName code={item.responsibleUnit} />
                </Descriptions.Item>
                <Descriptions.Item label="责任人">
                  <PersonName id={item.responsiblePersonId} />
                </Descriptions.Item>
                <Descriptions.Item label="基本整改到位期限">
                  {showDeadline(item.basicDeadline, item.basicDeadlineDate)}
                </Descriptions.Item>
                <Descriptions.Item label="全面整改到位期限">
                  {showDeadline(item.fullDeadline, item.fullDeadlineDate)}
                </Descriptions.Item>
                {item.originalFullDeadline !== item.fullDeadline && (
                  <Descriptions.Item label="原定全面整改期限">
                    {showDeadline(item.originalFullDeadline, item.originalFullDeadlineDate)}
                  </Descriptions.Item>
                )}
                {open && !item.paused && (
                  <Descriptions.Item
                    label={item.status === 'rectifying' ? '距基本整改期限' : '距全面整改期限'}
                  >
                    {daysTextNow(running)}
                  </Descriptions.Item>
                )}
                {item.pausedDays > 0 && (
                  <Descriptions.Item label="暂停计时">{item.pausedDays} 天（不计入逾期）</Descriptions.Item>
                )}
                <Descriptions.Item label="问题来源">{item.source}</Descriptions.Item>
                <Descriptions.Item label="验收人">
                  <PersonName id={item.verifierId} />
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <ItemSteps item={item} unitSteps={unitSteps} verifierSteps={verifierSteps} />
            <ItemDeskActions item={item} roles={me.roles} />
            {item.notices.length > 0 && (
              <Card size="small" title="督办通知">
                <List
                  size="small"
                  dataSource={item.notices}
                  renderItem={(notice) => (
                    <List.Item key={`${notice.level}:${notice.issuedAt}`}>
                      <Space wrap size={4}>
                        <Tag color={escalationColour(notice.level)}>{notice.label}</Tag>
                        <span style={{ overflowWrap: 'anywhere' }}>{notice.title}</span>
                        <Typography.Text type="secondary">{showTime(notice.issuedAt)}</Typography.Text>
                      </Space>
                    </List.Item>
                  )}
                />
              </Card>
            )}
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <EvidenceCard
              basePath={evidencePath}
              items={item.evidence}
              canUpload={unitSteps && open}
              invalidates={[itemQueryKey(item.id)]}
            />
            <Card size="small" title="办理记录">
              <Timeline entries={timelineEntries(item.timeline)} />
            </Card>
            <Card size="small" title="评论">
              <List
                size="small"
                dataSource={item.comments}
                locale={{ emptyText: '暂无评论' }}
                renderItem={(comment) => (
                  <List.Item key={comment.id}>
                    <List.Item.Meta
                      title={`${comment.authorName}（${comment.authorUnit}）`}
                      description={
                        <>
                          <div style={{ overflowWrap: 'anywhere', color: 'inherit' }}>{comment.body}</div>
                          <Typography.Text type="secondary">{showTime(comment.createdAt)}</Typography.Text>
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
              <TextAction
                name="item-comment"
                itemId={item.id}
                field="body"
                fieldLabel="评论"
                button="发表评论"
                success="评论已发表"
                send={(body, key) =>
                  must(
                    api.POST('/api/rectifications/{id}/comments', {
                      params: { path: { id: item.id } },
                      headers: { 'Idempotency-Key': key },
                      body: { body },
                    }),
                  )
                }
              />
            </Card>
          </Space>
        </Col>
      </Row>
    </div>
  );
}
