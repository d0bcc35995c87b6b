import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  AUDIENCES,
  ESCALATION_KINDS,
  NOTICE_COLOURS,
  NOTICE_KINDS,
  stepDueAt,
  type EscalationStep,
} from '../../../../../../libs/domain/src/escalation/ladder';
import { showInstant } from '../../../../../../libs/domain/src/time/deadline-display';
import { deadlineInstant } from '../../../../../../libs/domain/src/time/china-time';

const AUDIENCE_LABELS: Record<(typeof AUDIENCES)[number], string> = {
  'responsible-person': '责任人',
  'responsible-unit': '责任单位',
  'command-center': '指挥部',
  leadership: '县领导',
};

/** When a step would fire for an example item, by the ladder's own rule (stepDueAt). */
function ExampleDate({
  step,
  basic,
  full,
}: {
  step: Partial<EscalationStep>;
  basic: Dayjs | null;
  full: Dayjs | null;
}) {
  if (!basic || !full || !step.offset || !step.anchor)
    return <Typography.Text type="secondary">—</Typography.Text>;
  let at: Date | null = null;
  try {
    at = stepDueAt(step as EscalationStep, {
      basic: deadlineInstant(basic.format('YYYY-MM-DD')),
      full: deadlineInstant(full.format('YYYY-MM-DD')),
    });
  } catch {
    at = null;
  }
  if (!at) return <Typography.Text type="danger">时长格式有误</Typography.Text>;
  return <Typography.Text data-testid={`ladder-example-${step.level}`}>{showInstant(at)}</Typography.Text>;
}

/**
 * The escalation ladder as data (Form.List under `ladder`), starting from the default ladder; each
 * step's offset shown as the date it would fire for an example item's two deadlines.
 */
export function LadderEditor({ name = 'ladder' }: { name?: string }) {
  const [basic, setBasic] = useState<Dayjs | null>(null);
  const [full, setFull] = useState<Dayjs | null>(null);
  const steps = (Form.useWatch(name) as Array<Partial<EscalationStep>> | undefined) ?? [];
  return (
    <Card size="small" title="督办阶梯">
      {/* Enter confirms an example date; it must not submit the surrounding form. */}
      <Space
        wrap
        style={{ marginBottom: 12 }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') event.preventDefault();
        }}
      >
        <span>示例期限：基本整改</span>
        <DatePicker value={basic} onChange={setBasic} aria-label="示例基本整改期限" />
        <span>全面整改</span>
        <DatePicker value={full} onChange={setFull} aria-label="示例全面整改期限" />
      </Space>
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Row key={field.key} gutter={8} align="middle">
                <Col xs={4} md={1}>
                  <Form.Item name={[field.name, 'level']}>
                    <Input readOnly variant="borderless" />
                  </Form.Item>
                </Col>
                <Col xs={10} md={3}>
                  <Form.Item name={[field.name, 'label']} rules={[{ required: true, message: '请填写名称' }]}>
                    <Input placeholder="名称" />
                  </Form.Item>
                </Col>
                <Col xs={10} md={3}>
                  <Form.Item name={[field.name, 'kind']}>
                    <Select options={ESCALATION_KINDS.map((kind) => ({ value: kind, label: kind }))} />
                  </Form.Item>
                </Col>
                <Col xs={8} md={3}>
                  <Form.Item name={[field.name, 'anchor']}>
                    <Select
                      options={[
                        { value: 'basic', label: '基本整改期限' },
                        { value: 'full', label: '全面整改期限' },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col xs={8} md={2}>
                  <Form.Item name={[field.name, 'offset']} rules={[{ required: true, message: '如 -P3D' }]}>
                    <Input placeholder="-P3D" />
                  </Form.Item>
                </Col>
                <Col xs={8} md={3}>
                  <Form.Item label="示例日期" colon={false}>
                    <ExampleDate step={steps[field.name] ?? {}} basic={basic} full={full} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={4}>
                  <Form.Item name={[field.name, 'audience']}>
                    <Select
                      mode="multiple"
                      options={AUDIENCES.map((a) => ({ value: a, label: AUDIENCE_LABELS[a] }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={8} md={2}>
                  <Form.Item name={[field.name, 'notice', 'kind']}>
                    <Select options={NOTICE_KINDS.map((kind) => ({ value: kind, label: kind }))} />
                  </Form.Item>
                </Col>
                <Col xs={6} md={1}>
                  <Form.Item name={[field.name, 'notice', 'colour']}>
                    <Select allowClear options={NOTICE_COLOURS.map((c) => ({ value: c, label: c }))} />
                  </Form.Item>
                </Col>
                <Col xs={6} md={1}>
                  <Form.Item
                    name={[field.name, 'leaderMustAct']}
                    valuePropName="checked"
                    tooltip="须领导决定"
                  >
                    <Switch size="small" />
                  </Form.Item>
                </Col>
                <Col xs={4} md={1}>
                  <Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label="删除此级"
                      onClick={() => remove(field.name)}
                    />
                  </Form.Item>
                </Col>
              </Row>
            ))}
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() =>
                add({
                  level: fields.length + 1,
                  anchor: 'full',
                  offset: 'P7D',
                  audience: ['command-center'],
                  leaderMustAct: false,
                  notice: { kind: '督办单', colour: 'red' },
                })
              }
            >
              添加一级
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}
