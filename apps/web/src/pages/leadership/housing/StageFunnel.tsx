import ReactEChartsCore from 'echarts-for-react/lib/core';
import type { ProgrammeProgress } from './housing-queries';
import { CHART_TEXT } from '../campaigns/echarts';
import { useChartFont } from '../campaigns/useChartFont';
import { echarts } from './echarts';

/** Households in each stage, in pipeline order (危房鉴定 → 已入住), as a funnel. */
export function StageFunnel({ progress }: { progress: ProgrammeProgress }) {
  const stages = progress.byStage.filter((s) => s.stage !== 'withdrawn');
  // The canvas does not inherit the console's web font: load what the labels need, then draw again.
  const fontReady = useChartFont(stages.map((s) => s.label).join('') + '0123456789 户：');
  const option = {
    textStyle: CHART_TEXT,
    tooltip: { trigger: 'item', formatter: '{b}：{c} 户' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        minSize: '8%',
        left: '10%',
        width: '80%',
        label: { show: true, position: 'inside', formatter: '{b} {c}' },
        data: stages.map((s) => ({ name: s.label, value: s.households })),
      },
    ],
  };
  return (
    <ReactEChartsCore
      key={fontReady ? 'font' : 'system'}
      echarts={echarts}
      option={option}
      notMerge
      style={{ height: Math.max(240, stages.length * 40) }}
      role="img"
      aria-label={`各环节户数：${progress.byStage.map((s) => `${s.label}${s.households}户`).join('，')}`}
    />
  );
}
