import { FilterOutlined } from '@ant-design/icons';
import { Button, Col, Collapse, Form, Grid, Row, Select } from 'antd';
import { HOUSEHOLD_STAGES, STAGE_LABELS } from '../../../../../../libs/domain/src/housing/household-stages';
import type { HouseholdQuery } from './useHouseholdQuery';
import { useUnits } from './useUnits';

interface Props {
  query: HouseholdQuery;
  onChange: (change: Partial<HouseholdQuery>) => void;
  programmes: Array<{ id: string; name: string }>;
}

const YES_NO = [
  { value: 'true', label: '是' },
  { value: 'false', label: '否' },
];
const flagValue = (value: boolean | undefined) => (value === undefined ? undefined : String(value));
const flagOf = (value: string | undefined) => (value === undefined ? undefined : value === 'true');

/** Programme, township, village, stage, overdue, stalled: each change goes to the URL. */
export function HouseholdFilters({ query, onChange, programmes }: Props) {
  const screens = Grid.useBreakpoint();
  const { list } = useUnits();
  const townships = list.filter((unit) => unit.kind === 'township');
  const townshipPath = townships.find((unit) => unit.code === query.township)?.path;
  const villages = list.filter(
    (unit) => unit.kind === 'village' && (!townshipPath || unit.path.startsWith(townshipPath)),
  );
  const anyFilter =
    query.township ||
    query.village ||
    query.stage ||
    query.overdue !== undefined ||
    query.stalled !== undefined;

  const fields = (
    <Form layout="vertical" aria-label="筛选农户">
      <Row gutter={[12, 0]}>
        <Col xs={24} md={12} xl={6}>
          <Form.Item label="改造项目" htmlFor="filter-programme">
            <Select
              id="filter-programme"
              value={query.programme}
              options={programmes.map((programme) => ({ value: programme.id, label: programme.name }))}
              onChange={(programme: string) =>
                onChange({ programme, township: undefined, village: undefined })
              }
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Form.Item label="乡镇" htmlFor="filter-township">
            <Select
              id="filter-township"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部"
              value={query.township}
              options={townships.map((unit) => ({ value: unit.code, label: unit.name }))}
              onChange={(township?: string) => onChange({ township })}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Form.Item label="村" htmlFor="filter-village">
            <Select
              id="filter-village"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部"
              value={query.village}
              options={villages.map((unit) => ({ value: unit.code, label: unit.name }))}
              onChange={(village?: string) => onChange({ village })}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8} xl={4}>
          <Form.Item label="阶段" htmlFor="filter-stage">
            <Select
              id="filter-stage"
              allowClear
              placeholder="全部"
              value={query.stage}
              options={HOUSEHOLD_STAGES.map((stage) => ({ value: stage, label: STAGE_LABELS[stage] }))}
              onChange={(stage?: HouseholdQuery['stage']) => onChange({ stage })}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Form.Item label="逾期" htmlFor="filter-overdue">
            <Select
              id="filter-overdue"
              allowClear
              placeholder="全部"
              value={flagValue(query.overdue)}
              options={YES_NO}
              onChange={(value?: string) => onChange({ overdue: flagOf(value) })}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Form.Item label="停滞" htmlFor="filter-stalled">
            <Select
              id="filter-stalled"
              allowClear
              placeholder="全部"
              value={flagValue(query.stalled)}
              options={YES_NO}
              onChange={(value?: string) => onChange({ stalled: flagOf(value) })}
            />
          </Form.Item>
        </Col>
      </Row>
      {anyFilter && (
        <Button
          onClick={() =>
            onChange({
              township: undefined,
              village: undefined,
              stage: undefined,
              overdue: undefined,
              stalled: undefined,
            })
          }
        >
          清除筛选
        </Button>
      )}
    </Form>
  );

  if (screens.md) return fields;
  return (
    <Collapse
      size="small"
      items={[
        {
          key: 'filters',
          label: (
            <span>
              <FilterOutlined /> 筛选{anyFilter ? '（已筛选）' : ''}
            </span>
          ),
          children: fields,
        },
      ]}
    />
  );
}
