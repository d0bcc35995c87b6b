import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Tree,
  TreeSelect,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import {
  UNIT_KIND_LABELS,
  UNIT_KINDS,
  type UnitKind,
} from '../../../../../../libs/domain/src/organisation/unit-tree';
import { api, must } from '../../../api/client';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { showProblemsOnFields } from '../../../shared/form-problems';
import { useCommand } from '../../../shared/useCommand';
import { useSearchParam } from '../../../shared/useSearchParam';
import { ImportButton } from '../ImportButton';
import { subtreeCodes, unitTree, type UnitNode, type UnitView } from '../unit-tree';

/** The same key as the households' useUnits: a change here shows everywhere. */
const UNITS_KEY = ['units'];
const KIND_OPTIONS = UNIT_KINDS.map((kind) => ({ value: kind, label: UNIT_KIND_LABELS[kind] }));

interface NewUnit {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode?: string;
}

function CreateUnitModal({
  open,
  parentCode,
  tree,
  onClose,
  onCreated,
}: {
  open: boolean;
  parentCode: string | null;
  tree: UnitNode[];
  onClose: () => void;
  onCreated: (code: string) => void;
}) {
  const [form] = Form.useForm<NewUnit>();
  useEffect(() => {
    if (open) form.setFieldsValue({ parentCode: parentCode ?? undefined });
  }, [open, parentCode, form]);
  const create = useCommand(
    (body: NewUnit, key: string) =>
      must(api.POST('/api/units', { body, headers: { 'Idempotency-Key': key } })),
    {
      invalidates: [UNITS_KEY],
      success: (unit) => `已新建单位 ${unit.name}`,
      onSuccess: (unit) => {
        form.resetFields();
        onCreated(unit.code);
      },
    },
  );
  return (
    <Modal
      title="新建单位"
      open={open}
      onCancel={onClose}
      okText="新建"
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      forceRender
    >
      <Form<NewUnit>
        form={form}
        name="new-unit"
        layout="vertical"
        onFinish={(values) =>
          create.mutate(values, { onError: (error) => showProblemsOnFields(form, error) })
        }
      >
        <ApiErrorAlert error={create.error} style={{ marginBottom: 16 }} />
        <Form.Item label="上级单位" name="parentCode" extra="不选则为顶级单位">
          <TreeSelect treeData={tree} allowClear showSearch treeNodeFilterProp="title" treeDefaultExpandAll />
        </Form.Item>
        <Form.Item
          label="单位编码"
          name="code"
          extra="稳定标识，创建后不可更改、不可复用"
          rules={[{ required: true, message: '请输入单位编码' }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="单位名称" name="name" rules={[{ required: true, message: '请输入单位名称' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择类型' }]}>
          <Select options={KIND_OPTIONS} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface UnitChange {
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  reason: string;
}

/** Rename, re-kind or move a unit (its whole subtree moves with it). */
function UnitEditor({ unit, units, tree }: { unit: UnitView; units: UnitView[]; tree: UnitNode[] }) {
  const [form] = Form.useForm<UnitChange>();
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue({ name: unit.name, kind: unit.kind, parentCode: unit.parentCode, reason: '' });
  }, [unit, form]);
  // A unit cannot move under itself or below itself.
  const targets = useMemo(() => {
    const excluded = subtreeCodes(units, unit.code);
    const prune = (nodes: UnitNode[]): UnitNode[] =>
      nodes
        .filter((node) => !excluded.has(node.key))
        .map((node) => ({ ...node, children: prune(node.children) }));
    return prune(tree);
  }, [units, unit.code, tree]);
  const update = useCommand(
    (values: UnitChange, key: string) =>
      must(
        api.PATCH('/api/units/{code}', {
          params: { path: { code: unit.code } },
          body: {
            reason: values.reason,
            ...(values.name !== unit.name ? { name: values.name } : {}),
            ...(values.kind !== unit.kind ? { kind: values.kind } : {}),
            ...((values.parentCode ?? null) !== unit.parentCode
              ? { parentCode: values.parentCode ?? null }
              : {}),
          },
          headers: { 'Idempotency-Key': key },
        }),
      ),
    { invalidates: [UNITS_KEY], success: '已保存' },
  );
  return (
    <Card
      title={`${unit.name}（${unit.code}）`}
      extra={<Link to={`/admin/audit?subject=${encodeURIComponent(`unit:${unit.code}`)}`}>审计记录</Link>}
    >
      <Form<UnitChange>
        form={form}
        name="unit-edit"
        layout="vertical"
        onFinish={(values) =>
          update.mutate(values, { onError: (error) => showProblemsOnFields(form, error) })
        }
      >
        <ApiErrorAlert error={update.error} style={{ marginBottom: 16 }} />
        <Form.Item label="单位名称" name="name" rules={[{ required: true, message: '请输入单位名称' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择类型' }]}>
          <Select options={KIND_OPTIONS} />
        </Form.Item>
        <Form.Item label="上级单位" name="parentCode" extra="改变上级即移动本单位及其下属单位">
          <TreeSelect
            treeData={targets}
            allowClear
            showSearch
            treeNodeFilterProp="title"
            treeDefaultExpandAll
            placeholder="无（顶级单位）"
          />
        </Form.Item>
        <Form.Item label="原因" name="reason" rules={[{ required: true, message: '请填写原因（记入审计）' }]}>
          <Input placeholder="例如：机构改革更名" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          保存
        </Button>
      </Form>
    </Card>
  );
}

/** The unit tree: county → bureaus, townships → villages; create, rename, move, import. */
export default function UnitsPage() {
  const units = useQuery({ queryKey: UNITS_KEY, queryFn: () => must(api.GET('/api/units')) });
  const list = useMemo(() => units.data ?? [], [units.data]);
  const tree = useMemo(() => unitTree(list), [list]);
  const [selected, setSelected] = useSearchParam('unit');
  const [creating, setCreating] = useState(false);
  const unit = list.find((candidate) => candidate.code === selected);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        单位管理
      </Typography.Title>
      <Space>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          新建单位
        </Button>
        <ImportButton<{ created: number; codes: string[] }>
          path="/api/units/import"
          title="导入单位"
          columns="编码、名称、类型、上级编码"
          invalidates={[UNITS_KEY]}
          renderResult={(result) => (
            <Typography.Text type="success">
              已导入 {result.created} 个单位：{result.codes.join('、')}
            </Typography.Text>
          )}
        />
      </Space>
      <ApiErrorAlert error={units.error} />
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Card title="单位树" loading={units.isLoading}>
            {tree.length === 0 ? (
              <Empty description="尚无单位" />
            ) : (
              <Tree<UnitNode>
                key={list.length}
                aria-label="单位树"
                treeData={tree}
                defaultExpandAll
                showLine
                selectedKeys={selected ? [selected] : []}
                onSelect={(keys) => setSelected(keys[0] === undefined ? null : String(keys[0]))}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={14}>
          {unit ? (
            <UnitEditor unit={unit} units={list} tree={tree} />
          ) : (
            <Card>
              <Empty description="在左侧选择一个单位以更名或移动" />
            </Card>
          )}
        </Col>
      </Row>
      <CreateUnitModal
        open={creating}
        parentCode={selected}
        tree={tree}
        onClose={() => setCreating(false)}
        onCreated={(code) => {
          setCreating(false);
          setSelected(code);
        }}
      />
    </Space>
  );
}
