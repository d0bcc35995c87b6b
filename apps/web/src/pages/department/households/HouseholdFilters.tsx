import { FilterOutlined } from '@ant-design/icons';
import { Button, Col, Collapse, Form, Grid, Row, Select, type ColProps } from 'antd';
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

/** One labelled filter: a Select that may be cleared back to 全部. */
function Filter<T extends string>(props: {
  id: string;
  label: string;
  span: ColProps;
  value: T | undefined;
  options: Array<{ value: T; label: string }>;
  onChange: (value: T | undefined) => void;
  required?: boolean;
  search?: boolean;
}) {
  return (
    <Col {...props.span}>
      <Form.Item label={props.label} htmlFor={props.id}>
        <Select<T>
          id={props.id}
          allowClear={!props.required}
          showSearch={props.search ? { optionFilterProp: 'label' } : undefined}
          placeholder="全部"
          value={props.value}
          options={props.options}
          onChange={(value) => props.onChange(value ?? undefined)}
        />
      </Form.Item>
    </Col>
  );
}

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
  const unitOptions = (units: typeof list) => units.map((unit) => ({ value: unit.code, label: unit.name }));

  const fields = (
    <Form layout="vertical" aria-label="筛选农户">
      <Row gutter={[12, 0]}>
        <Filter
          id="filter-programme"
          label="改造项目"
          span={{ xs: 24, md: 12, xl: 6 }}
          required
          value={query.programme}
          options={programmes.map((programme) => ({ value: programme.id, label: programme.name }))}
          onChange={(programme) => onChange({ programme, township: undefined, village: undefined })}
        />
        <Filter
          id="filter-township"
          label="乡镇"
          span={{ xs: 12, md: 6, xl: 3 }}
          search
          value={query.township}
          options={unitOptions(townships)}
          onChange={(township) => onChange({ township })}
        />
        <Filter
          id="filter-village"
          label="村"
          span={{ xs: 12, md: 6, xl: 3 }}
          search
          value={query.village}
          options={unitOptions(villages)}
          onChange={(village) => onChange({ village })}
        />
        <Filter
          id="filter-stage"
          label="阶段"
          span={{ xs: 24, md: 8, xl: 4 }}
          value={query.stage}
          options={HOUSEHOLD_STAGES.map((stage) => ({ value: stage, label: STAGE_LABELS[stage] }))}
          onChange={(stage) => onChange({ stage })}
        />
        <Filter
          id="filter-overdue"
          label="逾期"
          span={{ xs: 12, md: 8, xl: 4 }}
          value={flagValue(query.overdue)}
          options={YES_NO}
          onChange={(value) => onChange({ overdue: flagOf(value) })}
        />
        <Filter
          id="filter-stalled"
          label="停滞"
          span={{ xs: 12, md: 8, xl: 4 }}
          value={flagValue(query.stalled)}
          options={YES_NO}
          onChange={(value) => onChange({ stalled: flagOf(value) })}
        />
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
