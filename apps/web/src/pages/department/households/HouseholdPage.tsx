import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import {
  APPROVAL_LEVEL_LABELS,
  STAGE_LABELS,
} from '../../../../../../libs/domain/src/housing/household-stages';
import { api, must } from '../../../api/client';
import { useMe } from '../../../app/me';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showDeadline, showTime } from '../../../shared/deadline';
import { escalationColour } from '../../../shared/escalation';
import { EvidenceList } from '../../../shared/evidence/EvidenceList';
import { EvidenceUpload } from '../../../shared/evidence/EvidenceUpload';
import { PageSpinner } from '../../../shared/PageSpinner';
import { Timeline, timelineEntries } from '../../../shared/timeline/Timeline';
import { householdKey, HOUSEHOLDS_ROOT_KEY, type HouseholdDetail } from './household-types';
import { PAYMENT_STATUS_LABELS, PipelineSteps } from './PipelineSteps';
import { StepAction } from './StepAction';
import { STEPS_IN_STAGE, stepKind } from './step-kinds';
import { useUnits } from './useUnits';

/** Steps the command center takes on households; a department takes the others (the API decides). */
const COMMAND_CENTER_STEPS = new Set(['withdraw', 'retry-payment', 'file-objection']);

function offeredSteps(household: HouseholdDetail, roles: string[]) {
  const department = roles.includes('department');
  const commandCenter = roles.includes('command-center');
  return (STEPS_IN_STAGE[household.stage] ?? [])
    .filter((type) => {
      if (type === 'file-objection') return Boolean(household.approval?.notice);
      if (type === 'resolve-objection') return household.openObjections > 0;
      if (type === 'retry-payment') return household.payment?.status === 'refused';
      return true;
    })
    .filter((type) => department || (commandCenter && COMMAND_CENTER_STEPS.has(type)))
    .map(stepKind);
}

/** One household's pipeline: stage, timeline, evidence, steps. */
export default function HouseholdPage() {
  const { householdId = '' } = useParams();
  const { me } = useMe();
  const { nameOf } = useUnits();
  const detail = useQuery({
    queryKey: householdKey(householdId),
    queryFn: () =>
      must(
        api.GET('/api/housing/households/{id}', { params: { path: { id: householdId } } }),
      ) as unknown as Promise<HouseholdDetail>,
  });
  if (detail.isLoading) return <PageSpinner />;
  if (detail.error || !detail.data) return <ApiErrorAlert error={detail.error} />;
  const household = detail.data;
  const steps = offeredSteps(household, me?.roles ?? []);
  const mayUpload = (me?.roles ?? []).includes('department');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', minWidth: 0 }}>
      <Link to={`/households?programme=${household.programmeId}`}>← 返回农户列表</Link>
      <Typography.Title level={3} style={{ margin: 0, overflowWrap: 'anywhere' }}>
        {household.householdNo} {household.headName}{' '}
        <Tag color={household.stage === 'withdrawn' ? 'default' : 'blue'} data-testid="household-stage">
          {STAGE_LABELS[household.stage]}
        </Tag>
      </Typography.Title>
      <Card size="small">
        <PipelineSteps household={household} />
      </Card>
      {household.withdrawn && (
        <Alert
          type="warning"
          showIcon
          title={`已于 ${showTime(household.withdrawn.at)} 退出改造（原处于「${STAGE_LABELS[household.withdrawn.fromStage]}」）`}
          description={`原因：${household.withdrawn.reason}`}
        />
      )}
      {steps.length > 0 && (
        <Card size="small" title="办理">
          <Space wrap>
            {steps.map((kind) => (
              <StepAction key={kind.type} household={household} kind={kind} />
            ))}
          </Space>
        </Card>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title="基本情况">
              <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
                <Descriptions.Item label="阶段">{STAGE_LABELS[household.stage]}</Descriptions.Item>
                <Descriptions.Item label="阶段期限">
                  {showDeadline(household.stageDeadline, household.stageDeadlineDate)}
                </Descriptions.Item>
                <Descriptions.Item label="乡镇">{nameOf(household.township)}</Descriptions.Item>
                <Descriptions.Item label="村">{nameOf(household.village)}</Descriptions.Item>
                <Descriptions.Item label="建档立卡贫困户">
                  {household.registeredPoor ? '是' : '否'}
                </Descriptions.Item>
                <Descriptions.Item label="房屋等级">{household.houseRating} 级</Descriptions.Item>
                <Descriptions.Item label="计划补助">{household.plannedSubsidyYuan} 元</Descriptions.Item>
                <Descriptions.Item label="最近进展">{showTime(household.lastProgressAt)}</Descriptions.Item>
                {household.approvalLevel && household.stage === 'approval' && (
                  <Descriptions.Item label="审批层级">
                    {APPROVAL_LEVEL_LABELS[household.approvalLevel]}
                    {household.noticeEndsAt ? `（公示至 ${showTime(household.noticeEndsAt)}）` : ''}
                  </Descriptions.Item>
                )}
                <Descriptions.Item label="状态">
                  <Space size={4} wrap>
                    {household.overdue && <Tag color="red">逾期</Tag>}
                    {household.stalled && <Tag color="orange">停滞</Tag>}
                    {household.escalationLevel > 0 && (
                      <Tag color={escalationColour(household.escalationLevel)}>
                        督办 {household.escalationLevel} 级
                      </Tag>
                    )}
                    {!household.overdue && !household.stalled && household.escalationLevel === 0 && '正常'}
                  </Space>
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <Card size="small" title="竣工验收签字">
              {household.acceptanceSignatures.length === 0 && household.missingSignatures.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无验收签字" />
              ) : (
                <List
                  size="small"
                  aria-label="验收签字"
                  dataSource={household.acceptanceSignatures}
                  locale={{ emptyText: '尚无验收签字' }}
                  renderItem={(signature) => (
                    <List.Item>
                      <Space wrap>
                        <Tag color="green">已签字</Tag>
                        {signature.signerName}
                        {signature.unit ? `（${nameOf(signature.unit)}）` : ''}
                        <Typography.Text type="secondary">{showTime(signature.at)}</Typography.Text>
                        {signature.note}
                      </Space>
                    </List.Item>
                  )}
                  footer={
                    household.missingSignatures.length > 0 ? (
                      <Space wrap>
                        待签字：
                        {household.missingSignatures.map((party) => (
                          <Tag key={party} color="gold">
                            {party}
                          </Tag>
                        ))}
                      </Space>
                    ) : undefined
                  }
                />
              )}
            </Card>
            <Card size="small" title="补助兑付">
              {household.payment ? (
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label="状态">
                    <Tag
                      color={
                        household.payment.status === 'paid'
                          ? 'green'
                          : household.payment.status === 'refused'
                            ? 'red'
                            : 'blue'
                      }
                    >
                      {PAYMENT_STATUS_LABELS[household.payment.status]}
                    </Tag>
                  </Descriptions.Item>
                  <Descriptions.Item label="第几次兑付">{household.payment.attempt}</Descriptions.Item>
                  {household.payment.transactionId && (
                    <Descriptions.Item label="交易号">{household.payment.transactionId}</Descriptions.Item>
                  )}
                  {household.payment.refusedReason && (
                    <Descriptions.Item label="拒绝原因">{household.payment.refusedReason}</Descriptions.Item>
                  )}
                </Descriptions>
              ) : (
                <Typography.Text type="secondary">验收通过后发起兑付</Typography.Text>
              )}
            </Card>
            <Card size="small" title="佐证材料">
              <Space orientation="vertical" style={{ width: '100%' }}>
                {mayUpload && !['moved-in', 'withdrawn'].includes(household.stage) && (
                  <EvidenceUpload
                    uploadPath={`/api/housing/households/${household.id}/evidence`}
                    invalidates={[householdKey(household.id), HOUSEHOLDS_ROOT_KEY]}
                  />
                )}
                <EvidenceList
                  items={household.evidence}
                  downloadPath={(evidenceId) =>
                    `/api/housing/households/${household.id}/evidence/${evidenceId}`
                  }
                />
              </Space>
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title="办理记录">
            <Timeline entries={timelineEntries(household.timeline)} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
