import { Card, Col, Form, Input, Row, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { stepDueAt, type EscalationStep } from '../../../../../../libs/domain/src/escalation/ladder';
import { deadlineInstant } from '../../../../../../libs/domain/src/time/china-time';
import { deadlineDate } from '../../../../../../libs/domain/src/time/deadline-display';
import {
  durationText,
  isIsoDuration,
  parseIsoDuration,
} from '../../../../../../libs/domain/src/time/iso-duration';
import { showDeadline } from '../../../shared/deadline';

/** 期限前 3 天 / 到期时 / 逾期 7 天后, for a ladder step's offset from the stage deadline. */
export function offsetText(offset: string | undefined): string {
  if (!offset || !isIsoDuration(offset)) return '时长格式有误（如 -P3D、P7D）';
  const d = parseIsoDuration(offset);
  const text = durationText({ ...d, sign: 1 });
  if (text === '0') return '到期时';
  return d.sign < 0 ? `期限前 ${text}` : `逾期 ${text}后`;
}

/**
 * The household escalation ladder (from the programme default): each step's name, its offset from
 * the household's stage deadline (ISO, read aloud beside it), the date it would fire for the
 * example deadline, and whether a leader must decide. Kind, audience and notice stay as given.
 */
export function HouseholdLadder({ example }: { example: { label: string; date: Dayjs } | undefined }) {
  const steps = (Form.useWatch('ladder') as Array<Partial<EscalationStep>> | undefined) ?? [];
  const exampleAt = (step: Partial<EscalationStep>) => {
    if (!example || !step.offset || !isIsoDuration(step.offset)) return '—';
    const end = deadlineInstant(example.date.format('YYYY-MM-DD'));
    const at = stepDueAt({ ...(step as EscalationStep), anchor: 'full' }, { basic: end, full: end });
    return showDeadline(at.toISOString(), deadlineDate(at));
  };
  return (
    <Card
      size="small"
      title="督办阶梯（相对农户所处环节的期限）"
      extra={
        example ? (
          <Typography.Text type="secondary">
            示例：{example.label}期限 {example.date.format('YYYY-MM-DD')}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">填写环节期限后显示示例日期</Typography.Text>
        )
      }
    >
      <Form.List name="ladder">
        {(fields) =>
          fields.map((field, index) => {
            const step = steps[field.name] ?? {};
            return (
              <Row key={field.key} gutter={8} align="middle" data-testid={`ladder-step-${index + 1}`}>
                <Col xs={4} md={2}>
                  <Typography.Text>第 {index + 1} 级</Typography.Text>
                </Col>
                <Col xs={20} md={5}>
                  <Form.Item
                    name={[field.name, 'label']}
                    label="名称"
                    rules={[{ required: true, message: '请填写名称' }]}
                  >
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={12} md={5}>
                  <Form.Item
                    name={[field.name, 'offset']}
                    label="时点"
                    tooltip="ISO 8601 时长：-P3D 期限前 3 天，PT0S 到期时，P7D 逾期 7 天后"
                    extra={offsetText(step.offset)}
                    rules={[{ required: true, message: '如 -P3D' }]}
                  >
                    <Input placeholder="-P3D" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={5}>
                  <Form.Item label="示例日期">
                    <Typography.Text data-testid={`ladder-example-${index + 1}`}>
                      {exampleAt(step)}
                    </Typography.Text>
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item name={[field.name, 'leaderMustAct']} label="须领导决定" valuePropName="checked">
                    <Switch size="small" />
                  </Form.Item>
                </Col>
              </Row>
            );
          })
        }
      </Form.List>
    </Card>
  );
}
