import { Col, Row, Table } from 'antd';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { CHART_TEXT } from '../campaigns/echarts';
import { useChartFont } from '../campaigns/useChartFont';
import { echarts } from '../housing/echarts';
import type { LedgerCount } from './ledger-queries';

/** One breakdown of a ledger's items (by status, unit or level): a bar chart of total and overdue, and its table. */
export function CountBreakdown({
  title,
  keyTitle,
  counts,
  testId,
}: {
  title: string;
  keyTitle: string;
  counts: LedgerCount[];
  testId: string;
}) {
  // The canvas does not inherit the console's web font: load what the labels need, then draw again.
  const fontReady = useChartFont(counts.map((c) => c.label).join('') + '问题数逾期0123456789');
  const option = {
    textStyle: CHART_TEXT,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['问题数', '逾期'] },
    grid: { left: 40, right: 16, top: 36, bottom: 48 },
    xAxis: { type: 'category', data: counts.map((c) => c.label), axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '问题数', type: 'bar', data: counts.map((c) => c.total) },
      { name: '逾期', type: 'bar', data: counts.map((c) => c.overdue), itemStyle: { color: '#cf1322' } },
    ],
  };
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <ReactEChartsCore
          key={fontReady ? 'font' : 'system'}
          echarts={echarts}
          option={option}
          notMerge
          style={{ height: 260 }}
          role="img"
          aria-label={`${title}：${counts.map((c) => `${c.label}${c.total}项，逾期${c.overdue}项`).join('，')}`}
        />
      </Col>
      <Col xs={24} lg={10}>
        <Table<LedgerCount>
          data-testid={testId}
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={counts}
          columns={[
            { title: keyTitle, dataIndex: 'label', key: 'label' },
            { title: '问题数', dataIndex: 'total', key: 'total', width: 80 },
            { title: '逾期', dataIndex: 'overdue', key: 'overdue', width: 80 },
          ]}
          locale={{ emptyText: '暂无问题' }}
        />
      </Col>
    </Row>
  );
}
