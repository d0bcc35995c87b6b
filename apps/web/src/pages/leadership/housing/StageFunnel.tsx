import ReactEChartsCore from 'echarts-for-react/lib/core';
import type { ProgrammeProgress } from './housing-queries';
import { echarts } from './echarts';

/** Households in each stage, in pipeline order (危房鉴定 → 已入住), as a funnel. */
export function StageFunnel({ progress }: { progress: ProgrammeProgress }) {
  const stages = progress.byStage.filter((s) => s.stage !== 'withdrawn');
  const option = {
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
      echarts={echarts}
      option={option}
      notMerge
      style={{ height: Math.max(240, stages.length * 40) }}
      role="img"
      aria-label={`各环节户数：${progress.byStage.map((s) => `${s.label}${s.households}户`).join('，')}`}
    />
  );
}
