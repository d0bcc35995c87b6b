import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { enterConfirmsField } from '../../../shared/enter-confirms-field';
import { Button, Col, DatePicker, Form, Input, Row, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, must } from '../../../api/client';
import type { components } from '../../../api/schema';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showProblemsOnFields } from '../../../shared/form-problems';
import { useCommand } from '../../../shared/useCommand';
import { UnitPicker } from '../campaigns/UnitPicker';
import { PersonPicker } from './PersonPicker';

type Ledger = components['schemas']['LedgerView'];
type ItemDetail = components['schemas']['ItemDetailView'];

interface RegisterValues {
  problem: string;
  source: string;
  category: string;
  analysis: string;
  measures: string[];
  responsibleUnit?: string;
  responsiblePersonId?: string;
  verifierId?: string;
  basicDeadline?: Dayjs;
  fullDeadline?: Dayjs;
}

const required = (what: string) => [{ required: true, whitespace: true, message: `请填写${what}` }];
const chosen = (what: string) => [{ required: true, message: `请选择${what}` }];

/**
 * 登记问题: the problem, its source and category, analysis and numbered measures (一个问题一套方案),
 * the responsible unit from the unit tree, the one responsible person (一名责任人) and the verifier
 * chosen by name, the two deadlines as dates (the end of that CST day). Problems the API names land
 * on their fields.
 */
export function ItemRegisterForm({
  ledger,
  onRegistered,
}: {
  ledger: Ledger;
  onRegistered: (item: ItemDetail) => void;
}) {
  const [form] = Form.useForm<RegisterValues>();
  const unit = Form.useWatch('responsibleUnit', form);
  const register = useCommand(
    (body: components['schemas']['RegisterItemBody'], idempotencyKey) =>
      must(
        api.POST('/api/ledgers/{id}/items', {
          params: { path: { id: ledger.id } },
          headers: { 'Idempotency-Key': idempotencyKey },
          body,
        }),
      ),
    {
      invalidates: [['rectifications'], ['ledgers', ledger.id]],
      success: (item) => `已登记第 ${item.number} 号问题`,
      onSuccess: (item) => {
        form.resetFields();
        onRegistered(item);
      },
    },
  );
  const submit = (values: RegisterValues) =>
    register.mutate(
      {
        problem: values.problem,
        source: values.source,
        category: values.category,
        analysis: values.analysis,
        measures: values.measures.filter((measure) => measure?.trim()),
        responsibleUnit: values.responsibleUnit ?? '',
        responsiblePersonId: values.responsiblePersonId ?? '',
        verifierId: values.verifierId ?? '',
        basicDeadline: values.basicDeadline?.format('YYYY-MM-DD') ?? '',
        fullDeadline: values.fullDeadline?.format('YYYY-MM-DD') ?? '',
      },
      { onError: (error) => showProblemsOnFields(form, error) },
    );

  return (
    <Form<RegisterValues>
      name="item-register"
      aria-label="登记问题"
      form={form}
      layout="vertical"
      initialValues={{ source: ledger.source, measures: [''] }}
      onFinish={submit}
      onKeyDown={enterConfirmsField}
    >
      <Form.Item name="problem" label="问题描述" rules={required('问题描述')}>
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="source" label="问题来源" rules={required('问题来源')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="category" label="问题类别" rules={required('问题类别')}>
            {ledger.classification.length > 0 ? (
              <Select
                options={ledger.classification.map((category) => ({ value: category, label: category }))}
                placeholder="台账分类之一"
              />
            ) : (
              <Input maxLength={200} />
            )}
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="analysis" label="原因分析" rules={required('原因分析')}>
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
      </Form.Item>
      <Form.List name="measures">
        {(fields, { add, remove }) => (
          <Form.Item label="整改措施" required>
            {fields.map((field, index) => (
              <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                <Form.Item
                  name={field.name}
                  rules={required(`第 ${index + 1} 条整改措施`)}
                  style={{ marginBottom: 8, flex: 1 }}
                >
                  <Input
                    aria-label={`整改措施 ${index + 1}`}
                    prefix={`${index + 1}.`}
                    maxLength={1000}
                    style={{ minWidth: 200 }}
                  />
                </Form.Item>
                {fields.length > 1 && (
                  <MinusCircleOutlined
                    aria-label={`删除第 ${index + 1} 条`}
                    onClick={() => remove(field.name)}
                  />
                )}
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>
              添加一条措施
            </Button>
          </Form.Item>
        )}
      </Form.List>
      <Form.Item name="responsibleUnit" label="责任单位" rules={chosen('责任单位')}>
        <UnitPicker
          onChange={() => form.setFieldValue('responsiblePersonId', undefined)}
          aria-label="责任单位"
        />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="responsiblePersonId"
            label="责任人"
            extra="责任单位的在岗人员，输入姓名搜索"
            rules={chosen('责任人')}
          >
            <PersonPicker scope={unit ? { unit } : null} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="verifierId" label="验收人" extra="督查组或指挥部人员" rules={chosen('验收人')}>
            <PersonPicker scope={{ verifiers: true }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="basicDeadline" label="基本整改到位期限" rules={chosen('基本整改到位期限')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="fullDeadline" label="全面整改到位期限" rules={chosen('全面整改到位期限')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" loading={register.isPending}>
        登记问题
      </Button>
      <ApiErrorAlert error={register.error} style={{ marginTop: 8 }} />
    </Form>
  );
}
