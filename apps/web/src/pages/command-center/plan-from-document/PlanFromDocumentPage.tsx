import { InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Result,
  Row,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
  Upload,
  type FormInstance,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { createContext, useContext, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, apiErrorFrom } from '../../../api/api-error';
import { api, authorisedFetch, must } from '../../../api/client';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { useCommand } from '../../../shared/useCommand';
import { useUnits } from '../../department/households/useUnits';
import { DocumentText } from './DocumentText';
import {
  CONFIDENCE_LABELS,
  formName,
  planFromValues,
  type DraftField,
  type PlanDraft,
  type SourceSpan,
} from './draft-types';

interface Review {
  fields: Map<string, DraftField>;
  select: (source: SourceSpan | null) => void;
}
const ReviewContext = createContext<Review>({ fields: new Map(), select: () => undefined });

/** A field's label with how sure the draft is of it; clicking shows its sentence in the document. */
function FieldLabel({ text, path }: { text: string; path: string }) {
  const { fields, select } = useContext(ReviewContext);
  const field = fields.get(path);
  if (!field) return <span>{text}</span>;
  const { label, color } = CONFIDENCE_LABELS[field.confidence];
  return (
    <Space size={4}>
      <span>{text}</span>
      <Tooltip title={field.note ?? (field.source ? '点击查看原文' : undefined)}>
        <Tag
          color={color}
          style={{ cursor: field.source ? 'pointer' : 'default' }}
          onClick={() => select(field.source ?? null)}
          data-testid={`confidence-${path}`}
        >
          {label}
        </Tag>
      </Tooltip>
    </Space>
  );
}

/** A date field kept in the form as 'YYYY-MM-DD', as the plan writes it. */
const dateProps = {
  getValueProps: (value: unknown) => ({
    value: typeof value === 'string' && value ? dayjs(value) : undefined,
  }),
  normalize: (value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : undefined),
};

type UnitOption = { value: string; label: string };

/** The fields of a task or sub-task. */
function TaskFields({
  base,
  path,
  units,
  isSubtask,
}: {
  base: Array<string | number>;
  path: string;
  units: UnitOption[];
  isSubtask: boolean;
}) {
  return (
    <Row gutter={12}>
      <Col xs={24} md={12}>
        <Form.Item
          name={[...base, 'name']}
          label={<FieldLabel text="名称" path={`${path}.name`} />}
          rules={[{ required: true, message: '请填写任务名称' }]}
        >
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={[...base, 'lead']}
          label={
            <FieldLabel text={isSubtask ? '牵头单位（不填沿用任务的）' : '牵头单位'} path={`${path}.lead`} />
          }
        >
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={units}
            placeholder="选择单位"
            aria-label={`${path}.lead`}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={[...base, 'cooperating']}
          label={<FieldLabel text="配合单位" path={`${path}.cooperating`} />}
        >
          <Select mode="multiple" allowClear optionFilterProp="label" options={units} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item
          name={[...base, 'deadline']}
          label={<FieldLabel text="截止日期" path={`${path}.deadline`} />}
          {...dateProps}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item label={<FieldLabel text="目标数量" path={`${path}.target`} />}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name={[...base, 'target', 'quantity']} noStyle>
              <InputNumber min={0} style={{ width: '60%' }} placeholder="数量" />
            </Form.Item>
            <Form.Item name={[...base, 'target', 'unit']} noStyle>
              <Input style={{ width: '40%' }} placeholder="单位" />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Each task and its sub-tasks; clicking a task's title shows its heading in the document. */
function TaskList({ form, units }: { form: FormInstance; units: UnitOption[] }) {
  const { fields, select } = useContext(ReviewContext);
  return (
    <Form.List name="tasks">
      {(tasks) =>
        tasks.map((task) => {
          const path = `tasks[${task.name}]`;
          const key = form.getFieldValue(['tasks', task.name, 'key']) as string;
          return (
            <Card
              key={task.key}
              size="small"
              style={{ marginBottom: 12 }}
              title={
                <Button
                  type="link"
                  style={{ padding: 0 }}
                  onClick={() => select(fields.get(`${path}.name`)?.source ?? null)}
                  data-testid={`task-${key}`}
                >
                  {key} {form.getFieldValue(['tasks', task.name, 'name']) as string}
                </Button>
              }
            >
              <TaskFields base={[task.name]} path={path} units={units} isSubtask={false} />
              <Form.List name={[task.name, 'subtasks']}>
                {(subtasks) =>
                  subtasks.map((sub) => {
                    const subPath = `${path}.subtasks[${sub.name}]`;
                    const subKey = form.getFieldValue([
                      'tasks',
                      task.name,
                      'subtasks',
                      sub.name,
                      'key',
                    ]) as string;
                    return (
                      <Card
                        key={sub.key}
                        type="inner"
                        size="small"
                        style={{ marginBottom: 8 }}
                        title={
                          <Button
                            type="link"
                            style={{ padding: 0 }}
                            onClick={() => select(fields.get(`${subPath}.name`)?.source ?? null)}
                            data-testid={`task-${subKey}`}
                          >
                            {subKey}
                          </Button>
                        }
                      >
                        <TaskFields base={[sub.name]} path={subPath} units={units} isSubtask />
                      </Card>
                    );
                  })
                }
              </Form.List>
            </Card>
          );
        })
      }
    </Form.List>
  );
}

/** Unit names the unit tree does not know: a person maps each to a unit. */
function UnknownUnits({ draft, form, units }: { draft: PlanDraft; form: FormInstance; units: UnitOption[] }) {
  const { select } = useContext(ReviewContext);
  if (draft.unknownUnits.length === 0) return null;
  const map = (path: string, code: string) => {
    const name = formName(path);
    if (path.endsWith('.lead')) form.setFieldValue(name, code);
    else {
      const current = (form.getFieldValue(name) as string[] | undefined) ?? [];
      if (!current.includes(code)) form.setFieldValue(name, [...current, code]);
    }
  };
  return (
    <Card size="small" title="未识别的单位：请对应到单位树" style={{ marginBottom: 12 }}>
      {draft.unknownUnits.map((unknown, index) => (
        <Row key={`${unknown.path}-${index}`} gutter={8} align="middle" style={{ marginBottom: 8 }}>
          <Col span={10}>
            <Button type="link" style={{ padding: 0 }} onClick={() => select(unknown.source)}>
              {unknown.name}
            </Button>
            <Typography.Text type="secondary">
              （{unknown.path.endsWith('.lead') ? '牵头' : '配合'}）
            </Typography.Text>
          </Col>
          <Col span={14}>
            <Select
              style={{ width: '100%' }}
              showSearch
              optionFilterProp="label"
              options={units}
              placeholder="对应到…"
              aria-label={`对应 ${unknown.name}`}
              onChange={(code: string) => map(unknown.path, code)}
            />
          </Col>
        </Row>
      ))}
    </Card>
  );
}

type PlanProblem = { path: string; problem: string };

/** The problems of a 422 PLAN_INVALID, or none. */
function planProblemsOf(error: unknown): PlanProblem[] {
  if (!(error instanceof ApiError) || error.code !== 'PLAN_INVALID' || !Array.isArray(error.details))
    return [];
  return error.details as unknown as PlanProblem[];
}

function showOnFields(form: FormInstance, problems: PlanProblem[]) {
  form.setFields(
    problems.filter((p) => p.path !== '').map((p) => ({ name: formName(p.path), errors: [p.problem] })),
  );
}

/** 从方案文件生成: upload a written 实施方案, review the draft beside the text, save it as a draft campaign. */
export default function PlanFromDocumentPage() {
  const [form] = Form.useForm();
  const units = useUnits();
  const unitOptions = useMemo(
    () => units.list.map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` })),
    [units.list],
  );
  const [year, setYear] = useState<number | null>(null);
  const [draft, setDraft] = useState<PlanDraft | null>(null);
  const [selected, setSelected] = useState<SourceSpan | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [uploading, setUploading] = useState(false);
  const [saved, setSaved] = useState<{ id: string; name: string } | null>(null);

  const review = useMemo<Review>(
    () => ({ fields: new Map((draft?.fields ?? []).map((f) => [f.path, f])), select: setSelected }),
    [draft],
  );

  const upload = async (file: File) => {
    setUploading(true);
    setUploadError(null);
    try {
      const body = new FormData();
      body.append('file', file);
      const query = year ? `?year=${year}` : '';
      const response = await authorisedFetch(
        new Request(`/api/campaigns/drafts/from-document${query}`, { method: 'POST', body }),
      );
      if (!response.ok) throw await apiErrorFrom(response);
      const result = (await response.json()) as PlanDraft;
      setDraft(result);
      setSaved(null);
      setSelected(null);
      form.resetFields();
      form.setFieldsValue(result.document);
      showOnFields(form, result.problems);
    } catch (error) {
      setUploadError(error);
    } finally {
      setUploading(false);
    }
  };

  const save = useCommand(
    (document: Record<string, unknown>, key: string) =>
      must(api.POST('/api/campaigns', { body: document as never, headers: { 'Idempotency-Key': key } })),
    {
      invalidates: [['campaigns']],
      success: '已保存为草稿行动',
      onSuccess: (result) => {
        const campaign = result as { id: string; name: string };
        setSaved({ id: campaign.id, name: campaign.name });
      },
    },
  );
  const saveProblems = planProblemsOf(save.error);

  const onSave = () => {
    const document = planFromValues(form.getFieldsValue(true) as Record<string, unknown>);
    save.mutate(document, { onError: (error) => showOnFields(form, planProblemsOf(error)) });
  };

  if (saved) {
    return (
      <Result
        status="success"
        title={`已保存为草稿行动：${saved.name}`}
        extra={[
          <Link key="open" to={`/campaigns/${saved.id}`}>
            <Button type="primary">查看行动</Button>
          </Link>,
          <Button key="again" onClick={() => setSaved(null)}>
            继续编辑
          </Button>,
        ]}
      />
    );
  }

  return (
    <ReviewContext.Provider value={review}>
      <Typography.Title level={3}>从方案文件生成</Typography.Title>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space>
            <span>文件未写年份时按</span>
            <InputNumber
              min={2000}
              max={2100}
              value={year}
              onChange={(value) => setYear(value)}
              placeholder="年份"
              aria-label="年份"
            />
            <span>年读取日期</span>
          </Space>
          <Upload.Dragger
            accept=".docx,.txt"
            multiple={false}
            showUploadList={false}
            disabled={uploading}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>点击或拖入已印发的实施方案（.docx 或 .txt）</p>
          </Upload.Dragger>
          <ApiErrorAlert error={uploadError} />
        </Space>
      </Card>

      {draft && (
        <Row gutter={16}>
          <Col xs={24} lg={10}>
            <DocumentText paragraphs={draft.paragraphs} selected={selected} />
          </Col>
          <Col xs={24} lg={14}>
            <Alert
              style={{ marginBottom: 12 }}
              type={draft.counts.missing > 0 ? 'warning' : 'info'}
              showIcon
              title={`识别 ${draft.fields.length} 项：原文写明 ${draft.counts.exact}，推断 ${draft.counts.inferred}，缺失 ${draft.counts.missing}`}
              description="推断和缺失的项请核对（悬停标签看原因，点击标签看原文）；校验通过后才能保存。"
            />
            <Form form={form} layout="vertical">
              <UnknownUnits draft={draft} form={form} units={unitOptions} />
              <Card size="small" title="行动" style={{ marginBottom: 12 }}>
                <Form.Item
                  name="name"
                  label={<FieldLabel text="行动名称" path="name" />}
                  rules={[{ required: true, message: '请填写行动名称' }]}
                >
                  <Input />
                </Form.Item>
                <Row gutter={12}>
                  <Col span={12}>
                    <Form.Item
                      name={['window', 'start']}
                      label={<FieldLabel text="开始日期" path="window.start" />}
                      {...dateProps}
                    >
                      <DatePicker style={{ width: '100%' }} aria-label="开始日期" />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item
                      name={['window', 'end']}
                      label={<FieldLabel text="结束日期" path="window.end" />}
                      {...dateProps}
                    >
                      <DatePicker style={{ width: '100%' }} aria-label="结束日期" />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
              <Form.List name="goals">
                {(goals) =>
                  goals.length > 0 && (
                    <Card size="small" title="目标" style={{ marginBottom: 12 }}>
                      {goals.map((goal) => (
                        <Row key={goal.key} gutter={8}>
                          <Col span={10}>
                            <Form.Item
                              name={[goal.name, 'name']}
                              label={<FieldLabel text="目标" path={`goals[${goal.name}].name`} />}
                            >
                              <Input />
                            </Form.Item>
                          </Col>
                          <Col span={4}>
                            <Form.Item name={[goal.name, 'target']} label="目标值">
                              <InputNumber style={{ width: '100%' }} />
                            </Form.Item>
                          </Col>
                          <Col span={3}>
                            <Form.Item name={[goal.name, 'unit']} label="单位">
                              <Input />
                            </Form.Item>
                          </Col>
                          <Col span={7}>
                            <Form.Item
                              name={[goal.name, 'tasks']}
                              label={<FieldLabel text="构成任务" path={`goals[${goal.name}].tasks`} />}
                            >
                              <Select
                                mode="multiple"
                                options={(
                                  (form.getFieldValue('tasks') as Array<{ key: string }> | undefined) ?? []
                                ).map((t) => ({ value: t.key, label: t.key }))}
                              />
                            </Form.Item>
                          </Col>
                        </Row>
                      ))}
                    </Card>
                  )
                }
              </Form.List>
              <TaskList form={form} units={unitOptions} />
              {saveProblems.length > 0 && (
                <Alert
                  type="error"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title="方案校验未通过，请按提示修改"
                  description={
                    <ul style={{ margin: 0, paddingLeft: 20 }}>
                      {saveProblems.map((p) => (
                        <li key={`${p.path}-${p.problem}`}>
                          {p.path || '方案'}：{p.problem}
                        </li>
                      ))}
                    </ul>
                  }
                />
              )}
              {save.error && saveProblems.length === 0 && (
                <ApiErrorAlert error={save.error} style={{ marginBottom: 12 }} />
              )}
              <Button type="primary" onClick={onSave} loading={save.isPending}>
                保存为草稿行动
              </Button>
            </Form>
          </Col>
        </Row>
      )}
    </ReviewContext.Provider>
  );
}
