import { Typography } from 'antd';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { CHART_TEXT, echarts } from './echarts';
import { useChartFont } from './useChartFont';
import type { UnitStanding } from './campaign-queries';

/**
 * Lead units as the bulletin ranks them (fewest overdue, then highest mean percentage), as bars of
 * their mean percentage, first at the top; overdue tasks in the label.
 */
export function UnitRankingChart({
  ranking,
  dark = false,
  height,
  fontSize = 12,
}: {
  ranking: UnitStanding[];
  dark?: boolean;
  height?: number;
  fontSize?: number;
}) {
  const fontReady = useChartFont(
    ranking.map((standing) => standing.unit.name).join('') + '0123456789.%逾期第名',
  );
  if (ranking.length === 0) return <Typography.Text type="secondary">暂无牵头单位。</Typography.Text>;
  const rows = [...ranking].reverse();
  const text = dark ? '#fff' : '#262626';
  const option = {
    textStyle: CHART_TEXT,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (items: Array<{ dataIndex: number }>) => {
        const standing = rows[items[0]?.dataIndex ?? 0];
        return standing
          ? `第${standing.rank}名 ${standing.unit.name}<br/>平均进度 ${standing.meanPercentage}%<br/>任务 ${standing.tasks}，已完成 ${standing.accepted}，逾期 ${standing.overdue}`
          : '';
      },
    },
    grid: { left: 24, right: 110, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { color: text, fontSize, formatter: '{value}%' } },
    yAxis: {
      type: 'category',
      data: rows.map((s) => `${s.rank}. ${s.unit.name}`),
      axisLabel: { color: text, fontSize },
    },
    series: [
      {
        type: 'bar',
        data: rows.map((s) => ({
          value: s.meanPercentage,
          itemStyle: { color: s.overdue > 0 ? '#f5222d' : '#1677ff' },
        })),
        label: {
          show: true,
          position: 'right',
          color: text,
          fontSize,
          formatter: ({ dataIndex }: { dataIndex: number }) => {
            const s = rows[dataIndex];
            return s ? `${s.meanPercentage}%${s.overdue ? ` 逾期${s.overdue}` : ''}` : '';
          },
        },
      },
    ],
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      key={fontReady ? 'font' : 'system'}
      option={option}
      notMerge
      style={{ height: height ?? Math.max(160, rows.length * 28 + 24) }}
      role="img"
      aria-label={`单位排名：${ranking.map((s) => `第${s.rank}名${s.unit.name}${s.meanPercentage}%`).join('，')}`}
    />
  );
}
