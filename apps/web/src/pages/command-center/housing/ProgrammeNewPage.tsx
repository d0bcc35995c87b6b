import { Button, Card, Col, DatePicker, Form, Input, Row, Space, Typography } from 'antd';
import { enterConfirmsField } from '../../../shared/enter-confirms-field';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import type { EscalationStep } from '../../../../../../libs/domain/src/escalation/ladder';
import {
  ACTIVE_STAGES,
  APPROVAL_LEVEL_LABELS,
  APPROVAL_LEVELS,
  STAGE_LABELS,
  type ActiveStage,
  type ApprovalLevel,
} from '../../../../../../libs/domain/src/housing/household-stages';
import {
  DEFAULT_HOUSEHOLD_LADDER,
  DEFAULT_NOTICE_PERIODS,
  DEFAULT_PAYMENT_DUE_AFTER,
  DEFAULT_STALL_AFTER,
  DEFAULT_TIMER_JITTER,
} from '../../../../../../libs/domain/src/housing/programme-rules';
import { api, must } from '../../../api/client';
import { ApiError } from '../../../api/api-error';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showPathProblems } from '../../../shared/form-problems';
import { useCommand } from '../../../shared/useCommand';
import { housingKeys } from '../../leadership/housing/housing-queries';
import { UnitPicker } from '../campaigns/UnitPicker';
import { DurationInput } from './DurationInput';
import { HouseholdLadder } from './HouseholdLadder';
import { TIME_LIMITS } from './programme-fields';

interface ProgrammeValues {
  name: string;
  housingBureau: string;
  stageDeadlines: Partial<Record<ActiveStage, Dayjs | null>>;
  noticePeriods: Record<ApprovalLevel, string | null>;
  stallAfter: string;
  paymentDueAfter: string;
  timerJitter: string;
  ladder: EscalationStep[];
}

const WEEKDAYS = '日一二三四五六';

/** What the API's POST /api/housing/programmes takes: stage deadlines as dates (the end of that day, CST). */
function programmeBody(values: ProgrammeValues) {
  const stageDeadlines = Object.fromEntries(
    ACTIVE_STAGES.flatMap((stage) => {
      const date = values.stageDeadlines?.[stage];
      return date ? [[stage, date.format('YYYY-MM-DD')]] : [];
    }),
  );
  return {
    name: values.name,
    housingBureau: values.housingBureau,
    stageDeadlines,
    noticePeriods: values.noticePeriods,
    stallAfter: values.stallAfter,
    paymentDueAfter: values.paymentDueAfter,
    timerJitter: values.timerJitter,
    // Levels follow the order the steps are listed in.
    ladder: values.ladder.map((step, index) => ({ ...step, level: index + 1 })),
  };
}

/**
 * 新建危房改造项目: name, the housing bureau, each stage's deadline on a date picker, the public
 * notice periods, the stall and payment times, the wake-up spread, the ladder; every refusal on
 * the field its path names. Lands on the programme's desk.
 */
export default function ProgrammeNewPage() {
  const [form] = Form.useForm<ProgrammeValues>();
  const navigate = useNavigate();
  const deadlines = Form.useWatch('stageDeadlines', form) as ProgrammeValues['stageDeadlines'] | undefined;
  const firstStage = ACTIVE_STAGES.find((stage) => deadlines?.[stage]);
  const example = firstStage
    ? { label: STAGE_LABELS[firstStage], date: deadlines![firstStage] as Dayjs }
    : undefined;
  const create = useCommand(
    (values: ProgrammeValues, key: string) =>
      must(
        api.POST('/api/housing/programmes', {
          headers: { 'Idempotency-Key': key },
          body: programmeBody(values) as never,
        }),
      ),
    {
      invalidates: [housingKeys.programmes],
      success: '危房改造项目已建立',
      onSuccess: (programme) => void navigate(`/housing/${programme.id}/desk`),
    },
  );
  const submit = () =>
    create.mutate(form.getFieldsValue(true) as ProgrammeValues, {
      onError: (error) => {
        if (error instanceof ApiError)
          showPathProblems(
            form,
            error.fieldProblems.flatMap((p) => p.problems.map((problem) => ({ path: p.field, problem }))),
          );
      },
    });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3}>新建危房改造项目</Typography.Title>
      <Form<ProgrammeValues>
        form={form}
        layout="vertical"
        aria-label="新建危房改造项目"
        initialValues={{
          noticePeriods: DEFAULT_NOTICE_PERIODS,
          stallAfter: DEFAULT_STALL_AFTER,
          paymentDueAfter: DEFAULT_PAYMENT_DUE_AFTER,
          timerJitter: DEFAULT_TIMER_JITTER,
          ladder: DEFAULT_HOUSEHOLD_LADDER,
          stageDeadlines: {},
        }}
        onFinish={submit}
        onKeyDown={enterConfirmsField}
      >
        <Card size="small" title="基本信息" style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="name" label="项目名称" rules={[{ required: true, message: '请填写项目名称' }]}>
                <Input placeholder="如：2019年农村危房改造" maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="housingBureau"
                label="县住建局"
                tooltip="县级审批、竣工验收签字的单位"
                rules={[{ required: true, message: '请选择县住建局' }]}
              >
                <UnitPicker aria-label="县住建局" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card
          size="small"
          title="各环节完成期限"
          extra={
            <Typography.Text type="secondary">农户须在当日 24:00 前完成该环节；不设可留空</Typography.Text>
          }
          style={{ marginBottom: 12 }}
        >
          <Row gutter={16}>
            {ACTIVE_STAGES.map((stage) => {
              const date = deadlines?.[stage];
              return (
                <Col xs={24} sm={12} lg={6} key={stage}>
                  <Form.Item
                    name={['stageDeadlines', stage]}
                    label={`${STAGE_LABELS[stage]}完成期限`}
                    extra={date ? `星期${WEEKDAYS[date.day()]}` : undefined}
                  >
                    <DatePicker style={{ width: '100%' }} aria-label={`${STAGE_LABELS[stage]}完成期限`} />
                  </Form.Item>
                </Col>
              );
            })}
          </Row>
        </Card>
        <Card size="small" title="公示期与时限" style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            {APPROVAL_LEVELS.map((level) => (
              <Col xs={24} md={8} key={level}>
                <Form.Item name={['noticePeriods', level]} label={`${APPROVAL_LEVEL_LABELS[level]}后公示`}>
                  <DurationInput allowNone aria-label={`${APPROVAL_LEVEL_LABELS[level]}后公示`} />
                </Form.Item>
              </Col>
            ))}
            {TIME_LIMITS.map(({ name, label, tooltip }) => (
              <Col xs={24} md={8} key={name}>
                <Form.Item
                  name={name}
                  label={label}
                  tooltip={tooltip}
                  rules={[{ required: true, message: `请填写${label}` }]}
                >
                  <DurationInput aria-label={label} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Card>
        <HouseholdLadder example={example} />
        <ApiErrorAlert error={create.error} style={{ marginTop: 12 }} />
        <Button type="primary" htmlType="submit" loading={create.isPending} style={{ marginTop: 12 }}>
          建立项目
        </Button>
      </Form>
    </Space>
  );
}
