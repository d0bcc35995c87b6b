import { Button, Form, Modal, Space } from 'antd';
import { useState } from 'react';
import { api, IDEMPOTENCY_HEADER, must } from '../../../api/client';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showProblemsOnFields } from '../../../shared/form-problems';
import { useCommand } from '../../../shared/useCommand';
import { householdKey, HOUSEHOLDS_ROOT_KEY, type HouseholdDetail, type StepBody } from './household-types';
import type { StepKind } from './step-kinds';
import { StepFields, stepBody, type StepFormValues } from './StepFields';

/** One step on one household: its button, its form, and the API's refusal next to its submit. */
export function StepAction({ household, kind }: { household: HouseholdDetail; kind: StepKind }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<StepFormValues>();
  const command = useCommand(
    (body: StepBody, idempotencyKey) =>
      must(
        api.POST('/api/housing/households/{id}/steps', {
          params: { path: { id: household.id } },
          headers: { [IDEMPOTENCY_HEADER]: idempotencyKey },
          body,
        }),
      ),
    {
      invalidates: [householdKey(household.id), HOUSEHOLDS_ROOT_KEY],
      success: `已${kind.label}`,
      onSuccess: () => {
        setOpen(false);
        form.resetFields();
      },
    },
  );
  const submit = async () => {
    const values = await form.validateFields();
    command.mutate(stepBody(kind, values), {
      onError: (error) => showProblemsOnFields(form, error),
    });
  };

  return (
    <>
      <Button
        danger={kind.danger}
        type={kind.danger ? 'default' : 'primary'}
        onClick={() => {
          command.reset();
          setOpen(true);
        }}
      >
        {kind.label}
      </Button>
      <Modal
        open={open}
        title={`${kind.label} · ${household.householdNo} ${household.headName}`}
        onCancel={() => setOpen(false)}
        footer={null}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" aria-label={kind.label} onFinish={() => void submit()}>
          <StepFields kind={kind} objections={household.approval?.objections ?? []} />
          <ApiErrorAlert error={command.error} style={{ marginBottom: 12 }} />
          <Space>
            <Button onClick={() => setOpen(false)}>取消</Button>
            <Button type="primary" danger={kind.danger} htmlType="submit" loading={command.isPending}>
              提交
            </Button>
          </Space>
        </Form>
      </Modal>
    </>
  );
}
