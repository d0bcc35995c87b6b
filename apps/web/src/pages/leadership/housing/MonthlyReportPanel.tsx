import { Alert, DatePicker, Form, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert';
import { CHART_TEXT } from '../campaigns/echarts';
import { useChartFont } from '../campaigns/useChartFont';
import { echarts } from './echarts';
import { useMonthlyReports, type MonthlyReport } from './housing-queries';

/** How many months the chart shows, ending at the month chosen. */
const MONTHS_SHOWN = 6;

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The months of the chart, oldest first, ending at `month` (YYYY-MM). */
function monthsEndingAt(month: string): string[] {
  const end = dayjs(`${month}-01`);
  return Array.from({ length: MONTHS_SHOWN }, (_, i) =>
    end.subtract(MONTHS_SHOWN - 1 - i, 'month').format('YYYY-MM'),
  );
}

type TownshipRow = MonthlyReport['townships'][number];

/**
 * The monthly report to the province (开工 / 竣工 by month) for the months up to the one chosen, the
 * chosen month by township, and the 80% registered-poor rule as the API judges it.
 */
export function MonthlyReportPanel({
  programmeId,
  month,
  onMonth,
}: {
  programmeId: string;
  month: string;
  onMonth: (month: string) => void;
}) {
  const months = monthsEndingAt(month);
  const reports = useMonthlyReports(programmeId, months);
  const current = reports[reports.length - 1];
  const report = current?.data;
  const loaded = reports.map((r, i) => ({ month: months[i], report: r.data }));
  // The canvas does not inherit the console's web font: load what the labels need, then draw again.
  const fontReady = useChartFont('开工竣工户0123456789-');
  const option = {
    textStyle: CHART_TEXT,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['开工', '竣工'] },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', minInterval: 1, name: '户' },
    series: [
      { name: '开工', type: 'bar', data: loaded.map((m) => m.report?.total.startedInMonth ?? null) },
      { name: '竣工', type: 'bar', data: loaded.map((m) => m.report?.total.completedInMonth ?? null) },
    ],
  };
  const summary = loaded
    .map((m) =>
      m.report
        ? `${m.month} 开工${m.report.total.startedInMonth}户 竣工${m.report.total.completedInMonth}户`
        : '',
    )
    .filter(Boolean)
    .join('，');

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Form layout="inline">
        <Form.Item label="报表月份" htmlFor="report-month">
          <DatePicker
            id="report-month"
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(value) => value && onMonth(value.format('YYYY-MM'))}
          />
        </Form.Item>
      </Form>
      <ApiErrorAlert error={reports.find((r) => r.error)?.error} />
      {report?.belowRegisteredPoorRule && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={`建档立卡贫困户占改造户数 ${percent(report.registeredPoorShare)}，低于 ${percent(
            report.registeredPoorMinimum,
          )} 的要求`}
          description={`共 ${report.total.households} 户，其中建档立卡贫困户 ${report.total.registeredPoor} 户。`}
        />
      )}
      {report && !report.belowRegisteredPoorRule && (
        <Typography.Text type="success">
          建档立卡贫困户占比 {percent(report.registeredPoorShare)}，符合不低于{' '}
          {percent(report.registeredPoorMinimum)} 的要求
        </Typography.Text>
      )}
      <ReactEChartsCore
        key={fontReady ? 'font' : 'system'}
        echarts={echarts}
        option={option}
        notMerge
        style={{ height: 260 }}
        role="img"
        aria-label={`月度开工竣工：${summary}`}
      />
      <Table<TownshipRow>
        data-testid="monthly-report-table"
        size="small"
        rowKey="township"
        loading={current?.isPending}
        pagination={false}
        dataSource={report?.townships ?? []}
        scroll={{ x: 640 }}
        columns={[
          { title: '乡镇', dataIndex: 'name', key: 'name', fixed: 'left', width: 120 },
          { title: '户数', dataIndex: 'households', key: 'households', width: 70 },
          { title: '本月开工', dataIndex: 'startedInMonth', key: 'startedInMonth', width: 90 },
          { title: '累计开工', dataIndex: 'startedCumulative', key: 'startedCumulative', width: 90 },
          { title: '本月竣工', dataIndex: 'completedInMonth', key: 'completedInMonth', width: 90 },
          { title: '累计竣工', dataIndex: 'completedCumulative', key: 'completedCumulative', width: 90 },
          { title: '建档立卡户', dataIndex: 'registeredPoor', key: 'registeredPoor', width: 90 },
        ]}
        summary={() =>
          report ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              <Table.Summary.Cell index={1}>{report.total.households}</Table.Summary.Cell>
              <Table.Summary.Cell index={2}>{report.total.startedInMonth}</Table.Summary.Cell>
              <Table.Summary.Cell index={3}>{report.total.startedCumulative}</Table.Summary.Cell>
              <Table.Summary.Cell index={4}>{report.total.completedInMonth}</Table.Summary.Cell>
              <Table.Summary.Cell index={5}>{report.total.completedCumulative}</Table.Summary.Cell>
              <Table.Summary.Cell index={6}>{report.total.registeredPoor}</Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
        locale={{ emptyText: '本月无数据' }}
      />
    </Space>
  );
}
