import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Tabs,
  Upload,
  type FormInstance,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { showPathProblems, type PathProblem } from '../../../shared/form-problems';
import { DeadlineInput } from './DeadlineInput';
import { planFromYaml, planOfForm, planToYaml } from './plan-document';
import { UnitPicker } from './UnitPicker';

/** A date kept in the form as 'YYYY-MM-DD', as the plan writes it. */
const dateProps = {
  getValueProps: (value: unknown) => ({
    value: typeof value === 'string' && value ? dayjs(value) : undefined,
  }),
  normalize: (value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : undefined),
};

export type PlanView = 'form' | 'yaml';

/** The editor's state: one document, edited in the structured form or as YAML. */
export function usePlanEditor(initial: Record<string, unknown>) {
  const [form] = Form.useForm();
  const [view, setView] = useState<PlanView>('form');
  const [yaml, setYaml] = useState(() => planToYaml(initial));
  const [problems, setProblems] = useState<PathProblem[]>([]);
  const [unplaced, setUnplaced] = useState<PathProblem[]>([]);
  // The form is mounted by the page's first render; the document starts in it then.
  useEffect(() => {
    form.setFieldsValue(initial);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** The document as it stands in the current view, or null (with the YAML's syntax problems shown). */
  const document = (): Record<string, unknown> | null => {
    if (view === 'form') return planOfForm(form.getFieldsValue(true));
    const parsed = planFromYaml(yaml);
    if (parsed.document === null) {
      setProblems(parsed.problems);
      return null;
    }
    form.resetFields();
    form.setFieldsValue(parsed.document);
    return parsed.document;
  };

  const switchTo = (next: PlanView) => {
    if (next === view) return;
    if (next === 'yaml') {
      setYaml(planToYaml(planOfForm(form.getFieldsValue(true))));
      setView('yaml');
      return;
    }
    const parsed = planFromYaml(yaml);
    if (parsed.document === null) {
      setProblems(parsed.problems);
      return;
    }
    form.resetFields();
    form.setFieldsValue(parsed.document);
    setView('form');
    // Fields of the new lists register on the next render: show the problems then.
    setTimeout(() => setUnplaced(showPathProblems(form, problems)), 0);
  };

  /** Shows a refusal's problems: each on its field, all listed in the YAML view. */
  const show = (next: PathProblem[]) => {
    setProblems(next);
    setTimeout(() => setUnplaced(showPathProblems(form, next)), 0);
  };

  const load = (next: Record<string, unknown>) => {
    form.resetFields();
    form.setFieldsValue(next);
    setYaml(planToYaml(next));
    show([]);
  };

  return { form, view, switchTo, yaml, setYaml, problems, unplaced, document, show, load, initial };
}

export type PlanEditorState = ReturnType<typeof usePlanEditor>;

function ProblemList({ problems, title }: { problems: PathProblem[]; title: string }) {
  if (problems.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      title={title}
      data-testid="plan-problems"
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {problems.map((p, index) => (
            <li key={`${p.path}-${index}`}>
              <code>{p.path || '计划'}</code>：{p.problem}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** The fields of a task or sub-task (its name path in the form given as `base`). */
function TaskFields({
  base,
  path,
  isSubtask,
  taskKeys,
}: {
  /** The name within its Form.List. */
  base: Array<string | number>;
  /** The task's path in the document, for labels. */
  path: string;
  isSubtask: boolean;
  taskKeys: string[];
}) {
  const at = (field: string) => `${path}.${field}`;
  return (
    <Row gutter={12}>
      <Col xs={8} md={3}>
        <Form.Item name={[...base, 'key']} label="编号" rules={[{ required: true, message: '请填写编号' }]}>
          <Input aria-label={at('key')} placeholder={isSubtask ? 'T1.1' : 'T1'} />
        </Form.Item>
      </Col>
      <Col xs={16} md={9}>
        <Form.Item name={[...base, 'name']} label="名称">
          <Input aria-label={at('name')} />
        </Form.Item>
      </Col>
      <Col xs={24} md={6}>
        <Form.Item name={[...base, 'lead']} label={isSubtask ? '牵头单位（不填沿用任务的）' : '牵头单位'}>
          <UnitPicker aria-label={at('lead')} />
        </Form.Item>
      </Col>
      <Col xs={24} md={6}>
        <Form.Item name={[...base, 'cooperating']} label="配合单位">
          <UnitPicker multiple aria-label={at('cooperating')} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={[...base, 'deadline']} label={isSubtask ? '截止（不填沿用任务的）' : '截止'}>
          <DeadlineInput />
        </Form.Item>
      </Col>
      <Col xs={12} md={3}>
        <Form.Item name={[...base, 'target', 'quantity']} label="目标数量">
          <InputNumber min={0} style={{ width: '100%' }} aria-label={at('target.quantity')} />
        </Form.Item>
      </Col>
      <Col xs={12} md={3}>
        <Form.Item name={[...base, 'target', 'unit']} label="单位">
          <Input placeholder="户" aria-label={at('target.unit')} />
        </Form.Item>
      </Col>
      <Col xs={24} md={6}>
        <Form.Item name={[...base, 'dependsOn']} label="依赖任务">
          <Select
            mode="tags"
            options={taskKeys.map((key) => ({ value: key, label: key }))}
            aria-label={at('dependsOn')}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}

interface TaskValues {
  key?: string;
  subtasks?: TaskValues[];
}

/** Every task and sub-task key of the form, for dependsOn and goals. */
function useTaskKeys(form: FormInstance): string[] {
  const tasks = (Form.useWatch('tasks', { form, preserve: true }) as TaskValues[] | undefined) ?? [];
  return tasks
    .flatMap((task) => [task?.key, ...(task?.subtasks ?? []).map((sub) => sub?.key)])
    .filter((key): key is string => typeof key === 'string' && key !== '');
}

function StructuredPlan({ form }: { form: FormInstance }) {
  const taskKeys = useTaskKeys(form);
  return (
    <Form form={form} layout="vertical" preserve>
      <Card size="small" title="行动" style={{ marginBottom: 12 }}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label="行动名称">
              <Input aria-label="行动名称" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['window', 'start']} label="开始日期" {...dateProps}>
              <DatePicker style={{ width: '100%' }} aria-label="开始日期" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['window', 'end']} label="结束日期" {...dateProps}>
              <DatePicker style={{ width: '100%' }} aria-label="结束日期" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Form.List name="goals">
        {(goals, { add, remove }) => (
          <Card
            size="small"
            title="目标"
            style={{ marginBottom: 12 }}
            extra={
              <Button size="small" icon={<PlusOutlined />} onClick={() => add({ aggregate: 'mean-percent' })}>
                添加目标
              </Button>
            }
          >
            {goals.map((goal) => (
              <Row key={goal.key} gutter={8} align="bottom">
                <Col xs={6} md={3}>
                  <Form.Item name={[goal.name, 'key']} label="编号">
                    <Input placeholder="G1" />
                  </Form.Item>
                </Col>
                <Col xs={18} md={7}>
                  <Form.Item name={[goal.name, 'name']} label="目标">
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={8} md={3}>
                  <Form.Item name={[goal.name, 'target']} label="目标值">
                    <InputNumber style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={6} md={2}>
                  <Form.Item name={[goal.name, 'unit']} label="单位">
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={10} md={5}>
                  <Form.Item name={[goal.name, 'tasks']} label="构成任务">
                    <Select mode="multiple" options={taskKeys.map((key) => ({ value: key, label: key }))} />
                  </Form.Item>
                </Col>
                <Col xs={20} md={3}>
                  <Form.Item name={[goal.name, 'aggregate']} label="汇总">
                    <Select
                      options={[
                        { value: 'mean-percent', label: '平均完成率' },
                        { value: 'sum', label: '数量相加' },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col xs={4} md={1}>
                  <Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label="删除目标"
                      onClick={() => remove(goal.name)}
                    />
                  </Form.Item>
                </Col>
              </Row>
            ))}
          </Card>
        )}
      </Form.List>
      <Form.List name="tasks">
        {(tasks, { add, remove }) => (
          <>
            {tasks.map((task) => (
              <Card
                key={task.key}
                size="small"
                style={{ marginBottom: 12 }}
                title={`任务 ${task.name + 1}`}
                data-testid={`task-card-${task.name}`}
                extra={
                  <Button size="small" icon={<DeleteOutlined />} onClick={() => remove(task.name)}>
                    删除任务
                  </Button>
                }
              >
                <TaskFields
                  base={[task.name]}
                  path={`tasks.${task.name}`}
                  isSubtask={false}
                  taskKeys={taskKeys}
                />
                <Form.List name={[task.name, 'subtasks']}>
                  {(subtasks, sub) => (
                    <>
                      {subtasks.map((subtask) => (
                        <Card
                          key={subtask.key}
                          type="inner"
                          size="small"
                          style={{ marginBottom: 8 }}
                          title={`子任务 ${task.name + 1}.${subtask.name + 1}`}
                          extra={
                            <Button
                              size="small"
                              icon={<DeleteOutlined />}
                              onClick={() => sub.remove(subtask.name)}
                            >
                              删除
                            </Button>
                          }
                        >
                          <TaskFields
                            base={[subtask.name]}
                            path={`tasks.${task.name}.subtasks.${subtask.name}`}
                            isSubtask
                            taskKeys={taskKeys}
                          />
                        </Card>
                      ))}
                      <Button size="small" icon={<PlusOutlined />} onClick={() => sub.add({})}>
                        添加子任务
                      </Button>
                    </>
                  )}
                </Form.List>
              </Card>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ key: `T${tasks.length + 1}` })}>
              添加任务
            </Button>
          </>
        )}
      </Form.List>
    </Form>
  );
}

/**
 * The plan editor: the structured form (Form.List of goals, tasks and sub-tasks) and the YAML view
 * edit one document; switching converts it. A refusal's problems show on the fields their paths
 * name and are all listed in the YAML view.
 */
export function PlanEditor({ editor }: { editor: PlanEditorState }) {
  const loadFile = async (file: File) => {
    const parsed = planFromYaml(await file.text());
    if (parsed.document === null) {
      editor.setYaml(await file.text());
      editor.switchTo('yaml');
      editor.show(parsed.problems);
      return;
    }
    editor.load(parsed.document);
  };
  return (
    <Tabs
      activeKey={editor.view}
      onChange={(key) => editor.switchTo(key as PlanView)}
      tabBarExtraContent={
        <Upload
          accept=".yaml,.yml,.json"
          showUploadList={false}
          beforeUpload={(file) => {
            void loadFile(file);
            return false;
          }}
        >
          <Button>上传 YAML / JSON</Button>
        </Upload>
      }
      items={[
        {
          key: 'form',
          label: '结构化编辑',
          forceRender: true,
          children: (
            <>
              <ProblemList problems={editor.unplaced} title="以下问题不属于某个字段，请在 YAML 中修改" />
              <StructuredPlan form={editor.form} />
            </>
          ),
        },
        {
          key: 'yaml',
          label: 'YAML',
          children: (
            <>
              <ProblemList problems={editor.problems} title={`计划有 ${editor.problems.length} 处问题`} />
              <Input.TextArea
                aria-label="计划 YAML"
                value={editor.yaml}
                onChange={(event) => editor.setYaml(event.target.value)}
                autoSize={{ minRows: 16, maxRows: 40 }}
                style={{ fontFamily: 'monospace' }}
                spellCheck={false}
              />
            </>
          ),
        },
      ]}
    />
  );
}
