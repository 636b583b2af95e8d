// Charts as inline SVG, drawn on the server with Apache ECharts (SSR, SVG renderer): no script,
// no network needed to view them. Only the chart kinds and components used are loaded.
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

const FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", SimHei, sans-serif';
const COLORS = ['#c23531', '#2f4554', '#61a0a8', '#d48265', '#91c7ae', '#749f83', '#ca8622', '#bda29a', '#6e7074', '#546570'];

function render(option: Record<string, unknown>, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, color: COLORS, textStyle: { fontFamily: FONT }, ...option });
    return cleanSvg(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

/**
 * Inline SVG in HTML needs no namespace declarations; dropping them leaves the document with no
 * http(s) address at all (nothing a strict offline check could mistake for a fetch).
 */
export function cleanSvg(svg: string): string {
  return svg.replace(/\s+xmlns(:xlink)?="[^"]*"/g, '');
}

export interface PieDatum {
  name: string;
  value: number;
}

/** A pie chart with labels "name value (share)"; '' when there is nothing to draw. */
export function pieSvg(title: string, data: readonly PieDatum[], width = 640, height = 300): string {
  const shown = data.filter((d) => d.value > 0);
  if (shown.length === 0) return '';
  return render(
    {
      title: { text: title, left: 'center', textStyle: { fontSize: 14, fontFamily: FONT } },
      series: [
        {
          type: 'pie',
          radius: ['30%', '60%'],
          center: ['50%', '56%'],
          data: shown.map((d) => ({ name: d.name, value: d.value })),
          label: { formatter: '{b} {c} ({d}%)', fontFamily: FONT },
        },
      ],
    },
    width,
    height,
  );
}

export interface BarSeries {
  name: string;
  data: (number | null)[];
}

/**
 * A bar chart over categories. `percent`: values are ratios 0..1 drawn as percentages (axis 0–100 %).
 * '' when there is nothing to draw.
 */
export function barSvg(
  title: string,
  categories: readonly string[],
  series: readonly BarSeries[],
  opts: { percent?: boolean; width?: number; height?: number; max?: number } = {},
): string {
  if (categories.length === 0 || series.every((s) => s.data.every((v) => v === null || v === 0))) return '';
  const scale = opts.percent ? 100 : 1;
  const width = opts.width ?? 640;
  const height = opts.height ?? 300;
  const rotate = categories.length > 6 ? 30 : 0;
  return render(
    {
      title: { text: title, left: 'center', textStyle: { fontSize: 14, fontFamily: FONT } },
      legend: series.length > 1 ? { top: 26, data: series.map((s) => s.name), textStyle: { fontFamily: FONT } } : undefined,
      grid: { left: 50, right: 20, top: series.length > 1 ? 60 : 44, bottom: rotate ? 70 : 36 },
      xAxis: { type: 'category', data: [...categories], axisLabel: { interval: 0, rotate, fontFamily: FONT } },
      yAxis: {
        type: 'value',
        max: opts.percent ? 100 : opts.max,
        axisLabel: { formatter: opts.percent ? '{value}%' : '{value}' },
      },
      series: series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: s.data.map((v) => (v === null ? null : Math.round(v * scale * 100) / 100)),
        label: { show: categories.length <= 12, position: 'top', formatter: opts.percent ? '{c}%' : '{c}', fontSize: 10 },
        barMaxWidth: 28,
      })),
    },
    width,
    height,
  );
}
