// Charts as inline SVG, drawn on the server with Apache ECharts (SSR, SVG renderer): no script,
// no network needed to view them. Only the chart kinds and components used are loaded.
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { fmtPct } from './model.js';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

/**
 * A CJK sans-serif stack: Windows, macOS, then the free fonts of Linux desktops. Single quotes
 * only: ECharts writes it into a double-quoted style="" attribute, where a double quote would end
 * the attribute and leave every label in the browser's default (serif, often non-CJK) font.
 */
export const CHART_FONT =
  "'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans GB', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Source Han Sans CN', 'WenQuanYi Micro Hei', SimHei, sans-serif";
const COLORS = ['#c23531', '#2f4554', '#61a0a8', '#d48265', '#91c7ae', '#749f83', '#ca8622', '#bda29a', '#6e7074', '#546570'];
const AXIS_TEXT = '#333';

function render(option: Record<string, unknown>, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, color: COLORS, textStyle: { fontFamily: CHART_FONT }, ...option });
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

/** Approximate width in px of a label at `size` px: CJK and full-width characters count double. */
export function labelWidth(s: string, size = 12): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? size : size * 0.6;
  return w;
}

const title = (text: string): Record<string, unknown> => ({
  text,
  left: 'center',
  top: 4,
  textStyle: { fontSize: 14, fontWeight: 'bold', color: '#222', fontFamily: CHART_FONT },
});

export interface PieDatum {
  name: string;
  value: number;
  /** The share as the report gives it (0..1): the label shows it exactly as the text does. */
  share?: number | null;
}

/** A pie chart with labels "name value (share)"; '' when there is nothing to draw. */
export function pieSvg(titleText: string, data: readonly PieDatum[], width = 640, height = 260): string {
  const shown = data.filter((d) => d.value > 0);
  if (shown.length === 0) return '';
  return render(
    {
      title: title(titleText),
      series: [
        {
          type: 'pie',
          radius: ['28%', '58%'],
          center: ['50%', '56%'],
          data: shown.map((d) => ({ name: d.name, value: d.value })),
          label: {
            formatter: (p: { name: string; value: number; percent: number; dataIndex: number }) => {
              const share = shown[p.dataIndex]?.share;
              return `${p.name} ${p.value} (${share === undefined || share === null ? `${p.percent.toFixed(2)}%` : fmtPct(share)})`;
            },
            fontSize: 12,
            color: AXIS_TEXT,
            fontFamily: CHART_FONT,
          },
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

export interface BarOptions {
  /** Values are ratios 0..1, drawn as percentages (axis 0–100 %). */
  percent?: boolean;
  width?: number;
  /** Height of a vertical chart; a horizontal one grows with its categories. */
  height?: number;
  max?: number;
  /** Force the layout; by default bars turn horizontal when the labels would not fit side by side. */
  horizontal?: boolean;
}

/** Does a chart over these categories need horizontal bars (labels on the left, one per row)? */
export function wantsHorizontal(categories: readonly string[], width = 640): boolean {
  if (categories.length > 12) return true;
  const slot = (width - 70) / Math.max(1, categories.length);
  const widest = Math.max(0, ...categories.map((c) => labelWidth(c)));
  // Up to 8 bars take their labels at a 30° slant; more than that only side by side.
  return widest + 4 > slot && categories.length > 8;
}

/**
 * A bar chart over categories, '' when there is nothing to draw. Few short labels: vertical bars
 * (labels slanted if they do not fit); many or long labels (units, rankings): horizontal bars, one
 * row per category in the given order from the top, the chart as tall as its rows need.
 */
export function barSvg(titleText: string, categories: readonly string[], series: readonly BarSeries[], opts: BarOptions = {}): string {
  if (categories.length === 0 || series.every((s) => s.data.every((v) => v === null || v === 0))) return '';
  const scale = opts.percent ? 100 : 1;
  const width = opts.width ?? 640;
  const horizontal = opts.horizontal ?? wantsHorizontal(categories, width);
  const multi = series.length > 1;
  const top = multi ? 56 : 36;
  const valueAxis = {
    type: 'value',
    max: opts.percent ? 100 : opts.max,
    axisLabel: { formatter: opts.percent ? '{value}%' : '{value}', color: AXIS_TEXT, fontSize: 11 },
    splitLine: { lineStyle: { color: '#ddd' } },
  };
  // Counts as integers; anything with a fraction (scores) with 2 decimals on every bar, as in the tables.
  const integral = series.every((s) => s.data.every((v) => v === null || Number.isInteger(v)));
  // Percentages are labelled with the text's own formatter, from the unscaled value: text and chart agree.
  const fmt = opts.percent
    ? (p: { value: number; seriesIndex: number; dataIndex: number }) => fmtPct(series[p.seriesIndex]?.data[p.dataIndex] ?? p.value / 100)
    : (p: { value: number }) => (integral ? String(p.value) : p.value.toFixed(2));
  const legend = multi
    ? { top: 28, data: series.map((s) => s.name), textStyle: { fontFamily: CHART_FONT, color: AXIS_TEXT, fontSize: 12 }, itemWidth: 14, itemHeight: 10 }
    : undefined;
  const values = (s: BarSeries) => s.data.map((v) => (v === null ? null : Math.round(v * scale * 100) / 100));

  if (horizontal) {
    const row = multi ? 10 + 8 * series.length : 18;
    const height = top + 30 + row * categories.length;
    return render(
      {
        title: title(titleText),
        legend,
        grid: { left: 8, right: 48, top, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
        yAxis: {
          type: 'category',
          inverse: true,
          data: [...categories],
          axisTick: { show: false },
          axisLabel: { interval: 0, color: AXIS_TEXT, fontSize: 12, fontFamily: CHART_FONT },
        },
        xAxis: { ...valueAxis, position: 'top' },
        series: series.map((s) => ({
          type: 'bar',
          name: s.name,
          data: values(s),
          barMaxWidth: multi ? 8 : 12,
          barGap: '15%',
          label: { show: true, position: 'right', formatter: fmt, fontSize: multi ? 9 : 10, color: AXIS_TEXT },
        })),
      },
      width,
      height,
    );
  }

  const slot = (width - 70) / categories.length;
  const widest = Math.max(0, ...categories.map((c) => labelWidth(c)));
  const rotate = widest + 4 > slot ? 30 : 0;
  const height = opts.height ?? 260;
  return render(
    {
      title: title(titleText),
      legend,
      grid: { left: 8, right: 16, top: top + 8, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: {
        type: 'category',
        data: [...categories],
        axisTick: { alignWithLabel: true },
        axisLabel: { interval: 0, rotate, color: AXIS_TEXT, fontSize: 12, fontFamily: CHART_FONT },
      },
      yAxis: valueAxis,
      series: series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: values(s),
        label: { show: categories.length * series.length <= 24, position: 'top', formatter: fmt, fontSize: 10, color: AXIS_TEXT },
        barMaxWidth: 28,
      })),
    },
    width,
    height,
  );
}
