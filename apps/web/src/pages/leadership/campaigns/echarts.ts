import { BarChart, GaugeChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the battle map and the wall display draw: ECharts loads with these pages alone.
echarts.use([BarChart, GaugeChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** The console's typeface on the charts' canvas too (the canvas does not inherit CSS fonts). */
export const CHART_TEXT = { fontFamily: "'Noto Sans SC', system-ui, sans-serif" };

export { echarts };
