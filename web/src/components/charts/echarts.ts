// ECharts as the charts use it: the core with only the chart types and components they draw (tree-shaken; the
// simple grid and the plain legend, without axis breaks or legend scrolling), on the canvas renderer. Imported by EChart.vue alone, which the
// chart pages load dynamically, so no other page carries it.
import { init, use } from "echarts/core";
import { BarChart, BoxplotChart } from "echarts/charts";
import {
  AriaComponent, GridSimpleComponent, LegendPlainComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

use([BarChart, BoxplotChart, AriaComponent, GridSimpleComponent, LegendPlainComponent, MarkAreaComponent,
  MarkLineComponent, TooltipComponent, CanvasRenderer]);

export { init };
export type { EChartsType } from "echarts/core";
