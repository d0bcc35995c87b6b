import { Alert, Button, Form, Modal, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  STAGE_LABELS,
  type HouseholdStage,
} from '../../../../../../libs/domain/src/housing/household-stages';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import type { BulkResult, HouseholdRow, StepType } from './household-types';
import { BULK_STEP_KINDS, likelyStep, stepKind } from './step-kinds';
import { StepFields, stepBody, type StepFormValues } from './StepFields';
import { useBulkStep } from './useBulkStep';

interface Props {
  households: HouseholdRow[];
  onClose: (finished: boolean) => void;
}

const stageLabel = (stage: string | undefined) =>
  stage && stage in STAGE_LABELS ? STAGE_LABELS[stage as HouseholdStage] : (stage ?? '');

/** One step for the selected households: its form, the progress over chunks, then each household's result. */
export function BulkStepModal({ households, onClose }: Props) {
  const [form] = Form.useForm<StepFormValues>();
  const [type, setType] = useState<StepType>(() => likelyStep(households.map((h) => h.stage)));
  const bulk = useBulkStep();
  const run = bulk.run;
  const kind = stepKind(type);
  const byId = new Map(households.map((household) => [household.id, household]));
  const done = run?.results.length ?? 0;
  const total = run?.householdIds.length ?? households.length;
  const finished = run !== null && !run.running && !run.stoppedBy;
  const succeeded = run?.results.filter((result) => result.ok).length ?? 0;

  const submit = async () => {
    const values = await form.validateFields();
    const send = () =>
      void bulk.start(
        stepBody(kind, values),
        households.map((household) => household.id),
      );
    if (kind.danger)
      Modal.confirm({
        title: `确定对 ${households.length} 户${kind.label}？`,
        content: '此操作不能撤销。',
        okText: '确定',
        cancelText: '取消',
        okButtonProps: { danger: true },
        onOk: send,
      });
    else send();
  };

  const footer = run
    ? [
        run.stoppedBy ? (
          <Button key="resume" type="primary" onClick={() => void bulk.resume()}>
            继续提交剩余农户
          </Button>
        ) : null,
        <Button key="close" disabled={run.running} onClick={() => onClose(true)}>
          关闭
        </Button>,
      ]
    : [
        <Button key="cancel" onClick={() => onClose(false)}>
          取消
        </Button>,
        <Button key="submit" type="primary" danger={kind.danger} onClick={() => void submit()}>
          提交（{households.length} 户）
        </Button>,
      ];

  return (
    <Modal
      open
      title={run ? `批量${stepKind(run.step.type).label}` : `批量办理（已选 ${households.length} 户）`}
      onCancel={() => !run?.running && onClose(run !== null)}
      closable={!run?.running}
      maskClosable={false}
      footer={footer}
      width={720}
    >
      {!run && (
        <Form form={form} layout="vertical" aria-label="批量办理" preserve={false}>
          <Form.Item label="办理事项" htmlFor="bulk-step-type">
            <Select
              id="bulk-step-type"
              value={type}
              options={BULK_STEP_KINDS.map((option) => ({ value: option.type, label: option.label }))}
              onChange={(next: StepType) => {
                form.resetFields();
                setType(next);
              }}
            />
          </Form.Item>
          <StepFields kind={kind} />
        </Form>
      )}
      {run && (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <div aria-live="polite">
            <Typography.Text>
              已处理 {done} / {total} 户
            </Typography.Text>
            <Progress
              percent={Math.round((done / Math.max(total, 1)) * 100)}
              status={run.stoppedBy ? 'exception' : run.running ? 'active' : 'normal'}
              aria-label="批量办理进度"
            />
          </div>
          {run.stoppedBy != null && (
            <>
              <ApiErrorAlert error={run.stoppedBy} />
              <Alert
                type="warning"
                showIcon
                title="提交中断：已处理的农户结果见下表，点击“继续提交剩余农户”从中断处继续（不会重复办理）。"
              />
            </>
          )}
          {finished && (
            <Alert
              role="status"
              type={succeeded === total ? 'success' : 'warning'}
              showIcon
              title={`办理完成：成功 ${succeeded} 户，未办理 ${total - succeeded} 户`}
            />
          )}
          <Table<BulkResult>
            size="small"
            rowKey="householdId"
            aria-label="每户办理结果"
            dataSource={[...run.results].sort((a, b) => Number(a.ok) - Number(b.ok))}
            pagination={run.results.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 520 }}
            columns={[
              {
                title: '户编号',
                key: 'no',
                render: (_, result) => byId.get(result.householdId)?.householdNo ?? result.householdId,
              },
              {
                title: '户主',
                key: 'head',
                render: (_, result) => byId.get(result.householdId)?.headName ?? '',
              },
              {
                title: '结果',
                key: 'ok',
                render: (_, result) =>
                  result.ok ? <Tag color="success">成功</Tag> : <Tag color="error">未办理</Tag>,
              },
              {
                title: '说明',
                key: 'message',
                render: (_, result) =>
                  result.ok ? (
                    `现处于「${stageLabel(result.stage)}」`
                  ) : (
                    <span>
                      {result.message}
                      {result.code && (
                        <Typography.Text type="secondary" code style={{ marginLeft: 4 }}>
                          {result.code}
                        </Typography.Text>
                      )}
                    </span>
                  ),
              },
            ]}
          />
        </Space>
      )}
    </Modal>
  );
}
