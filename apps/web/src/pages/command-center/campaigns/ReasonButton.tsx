import { Button, Form, Input, Modal, type ButtonProps } from 'antd';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showProblemsOnFields } from '../../../shared/form-problems';

/**
 * A command that needs a reason (pause, resume, close, return …): a button opening a modal with a
 * required text, and the refusal shown in the modal.
 */
export function ReasonButton({
  label,
  title,
  field = '理由',
  onSubmit,
  pending,
  error,
  buttonProps,
  extra,
}: {
  label: string;
  title: string;
  field?: string;
  onSubmit: (reason: string, values: Record<string, unknown>) => Promise<unknown>;
  pending: boolean;
  error: unknown;
  buttonProps?: ButtonProps;
  extra?: React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const submit = async () => {
    const values = (await form.validateFields()) as Record<string, unknown>;
    try {
      await onSubmit(String(values.reason), values);
    } catch (error) {
      // 400/422 problems on the fields of the modal that their paths name (the reason, extras).
      showProblemsOnFields(form, error);
      throw error;
    }
    form.resetFields();
    setOpen(false);
  };
  return (
    <>
      <Button {...buttonProps} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal
        open={open}
        title={title}
        okText="确定"
        cancelText="取消"
        confirmLoading={pending}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {extra}
          <Form.Item
            name="reason"
            label={field}
            rules={[{ required: true, whitespace: true, message: `请填写${field}` }]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} aria-label={field} />
          </Form.Item>
        </Form>
        <ApiErrorAlert error={error} />
      </Modal>
    </>
  );
}
