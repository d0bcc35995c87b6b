import { Card, Col, Row, Typography } from 'antd';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { CHART_TEXT, echarts } from './echarts';
import { useChartFont } from './useChartFont';
import type { CampaignProgress } from './campaign-queries';

type Goal = CampaignProgress['goals'][number];

function gaugeOption(goal: Goal, dark: boolean) {
  const text = dark ? '#fff' : '#262626';
  return {
    textStyle: CHART_TEXT,
    series: [
      {
        type: 'gauge',
        min: 0,
        max: 100,
        progress: { show: true, width: 14 },
        axisLine: { lineStyle: { width: 14 } },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        pointer: { show: false },
        anchor: { show: false },
        title: { show: false },
        detail: {
          valueAnimation: true,
          offsetCenter: [0, 0],
          fontSize: dark ? 34 : 24,
          fontWeight: 'bold',
          color: text,
          formatter: '{value}%',
        },
        data: [{ value: goal.percentage, name: goal.name }],
      },
    ],
  };
}

/** Each goal as a gauge of its percentage, with target and actual written beneath. */
export function GoalCharts({
  goals,
  dark = false,
  height = 180,
}: {
  goals: Goal[];
  dark?: boolean;
  height?: number;
}) {
  const fontReady = useChartFont(goals.map((goal) => goal.name).join('') + '0123456789.%');
  if (goals.length === 0) return <Typography.Text type="secondary">本行动未设目标。</Typography.Text>;
  const span = Math.max(4, Math.floor(24 / goals.length));
  return (
    <Row gutter={[16, 16]}>
      {goals.map((goal) => (
        <Col key={goal.key} xs={12} md={8} xl={span}>
          <Card
            size="small"
            styles={{ body: { padding: 8, textAlign: 'center' } }}
            variant={dark ? 'borderless' : 'outlined'}
          >
            <ReactEChartsCore
              echarts={echarts}
              key={fontReady ? 'font' : 'system'}
              option={gaugeOption(goal, dark)}
              style={{ height }}
              notMerge
              aria-hidden
            />
            <div data-testid={`goal-${goal.key}`} style={{ fontSize: dark ? 22 : undefined }}>
              <Typography.Text strong style={{ fontSize: 'inherit' }}>
                {goal.name}
              </Typography.Text>
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 'inherit' }}>
                {goal.actual} / {goal.target} {goal.unit}（{goal.percentage}%）
              </Typography.Text>
            </div>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
