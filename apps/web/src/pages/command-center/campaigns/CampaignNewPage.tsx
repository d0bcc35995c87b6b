import { Button, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { api, must } from '../../../api/client';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { useCommand } from '../../../shared/useCommand';
import { EMPTY_PLAN, planProblemsOf } from './plan-document';
import { PlanEditor, usePlanEditor } from './PlanEditor';

/** 新建行动: a plan written in the structured editor, pasted or uploaded as YAML/JSON, saved as a draft. */
export default function CampaignNewPage() {
  const editor = usePlanEditor(EMPTY_PLAN);
  const navigate = useNavigate();
  const save = useCommand(
    (document: Record<string, unknown>, key: string) =>
      must(api.POST('/api/campaigns', { body: document as never, headers: { 'Idempotency-Key': key } })),
    {
      invalidates: [['campaigns']],
      success: '已保存为草稿行动',
      onSuccess: (result) => void navigate(`/campaigns/${(result as { id: string }).id}/plan`),
    },
  );
  const problems = planProblemsOf(save.error);
  const onSave = () => {
    const document = editor.document();
    if (!document) return;
    editor.show([]);
    save.mutate(document, { onError: (error) => editor.show(planProblemsOf(error)) });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3}>新建攻坚行动</Typography.Title>
      <PlanEditor editor={editor} />
      {save.error && problems.length === 0 && <ApiErrorAlert error={save.error} />}
      {problems.length > 0 && (
        <Typography.Text type="danger" role="alert">
          计划有 {problems.length} 处问题，已标在对应字段上（YAML 视图列出全部）
        </Typography.Text>
      )}
      <Button type="primary" onClick={onSave} loading={save.isPending}>
        保存为草稿
      </Button>
    </Space>
  );
}
