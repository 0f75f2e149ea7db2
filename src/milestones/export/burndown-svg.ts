import { DateTime } from 'luxon';
import svgBuilder, { type SVGBuilderInstance } from 'svg-builder';

import type { BurndownPoint, Progress } from '../progress';

/** What the chart draws: a plan's burndown (computeBurndown) as of a day. */
export type BurndownChart = Pick<Progress, 'total' | 'asOf'> & { burndown: BurndownPoint[] };

export interface BurndownSvgOptions {
  /** Pixels; at least 320. Default 800. */
  width?: number;
  /** Pixels; at least 200. Default 450. */
  height?: number;
  /** Default "Burndown". */
  title?: string;
}

/*
 * Rendering notes.
 * svg-builder (CommonJS, no DOM, no runtime dependencies) assembles the markup; d3-scale/d3-shape are ESM-only and
 * svg.js needs svgdom, which is ESM-only and wants Node 22. svg-builder does NOT escape anything: every string that
 * reaches it goes through `text()` (element content) or `attrs()` (attribute values) below.
 * Scales are linear and tiny, so they are computed here: x = day index, y = remaining milestones (0..total).
 */

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const COLOR = {
  background: '#ffffff',
  text: '#1f2937',
  muted: '#6b7280',
  grid: '#e5e7eb',
  axis: '#9ca3af',
  planned: '#94a3b8',
  actual: '#2563eb',
  asOf: '#d97706',
};
const MARGIN = { top: 64, right: 40, bottom: 48, left: 60 };
/** Width of the three legend entries; below LEGEND_BESIDE_TITLE the legend gets its own row under the title. */
const LEGEND_WIDTH = 230;
const LEGEND_BESIDE_TITLE = 640;
/** Actual points get a dot each only while they are at least this far apart. */
const MIN_DOT_SPACING = 14;

type Attrs = Record<string, string | number>;

interface Frame {
  left: number;
  right: number;
  top: number;
  bottom: number;
  x: (index: number) => number;
  y: (remaining: number) => number;
}

/** A standalone SVG line chart of the burndown: planned (dashed), actual up to asOf (solid), a marker at asOf. */
export function burndownSvg(progress: BurndownChart, options: BurndownSvgOptions = {}): string {
  const width = dimension(options.width ?? 800, 320, 'width');
  const height = dimension(options.height ?? 450, 200, 'height');
  const title = options.title ?? 'Burndown';
  const points = progress.burndown;

  const svg = svgBuilder.create().width(width).height(height).viewBox(`0 0 ${width} ${height}`);
  svg.title(undefined, text(title));
  svg.desc(undefined, text(describe(progress)));
  svg.rect(attrs({ x: 0, y: 0, width, height, fill: COLOR.background }));

  const body = svgBuilder.create();
  const empty = points.length === 0 || progress.total <= 0;
  const top = header(body, title, width, !empty);
  if (empty) {
    body.text(
      attrs({ x: width / 2, y: height / 2, 'text-anchor': 'middle', 'font-size': 14, fill: COLOR.muted }),
      text('No milestones to chart'),
    );
  } else {
    const frame = makeFrame(width, height, top, points.length, progress.total);
    yAxis(body, frame, progress.total);
    xAxis(body, frame, points);
    asOfMarker(body, frame, points, progress.asOf);
    series(body, frame, points);
  }
  svg.g(attrs({ 'font-family': FONT, fill: COLOR.text }), body);
  return svg.render();
}

function makeFrame(width: number, height: number, top: number, days: number, total: number): Frame {
  const left = MARGIN.left;
  const right = width - MARGIN.right;
  const bottom = height - MARGIN.bottom;
  return {
    left,
    right,
    top,
    bottom,
    // A single day sits in the middle rather than on the axis.
    x: (index) => (days > 1 ? left + (index / (days - 1)) * (right - left) : (left + right) / 2),
    y: (remaining) => bottom - (remaining / total) * (bottom - top),
  };
}

/** Title and legend; returns the top of the plot area. */
function header(svg: SVGBuilderInstance, title: string, width: number, withLegend: boolean): number {
  const beside = width >= LEGEND_BESIDE_TITLE;
  const titleSpace = width - MARGIN.left - MARGIN.right - (withLegend && beside ? LEGEND_WIDTH + 24 : 0);
  // Roughly 0.58em per character at 18px; the <title> element keeps the whole title.
  svg.text(attrs({ x: MARGIN.left, y: 30, 'font-size': 18, 'font-weight': 600 }), text(truncate(title, Math.floor(titleSpace / 10.5))));
  if (!withLegend) {
    return MARGIN.top;
  }
  const legend = svgBuilder.create();
  const items: { label: string; line: Attrs }[] = [
    { label: 'Planned', line: { stroke: COLOR.planned, 'stroke-width': 2, 'stroke-dasharray': '6 4' } },
    { label: 'Actual', line: { stroke: COLOR.actual, 'stroke-width': 2.5 } },
    { label: 'As of', line: { stroke: COLOR.asOf, 'stroke-width': 1.5, 'stroke-dasharray': '2 3' } },
  ];
  items.forEach((item, i) => {
    const x = i * 84;
    legend.line(attrs({ x1: x, y1: 0, x2: x + 24, y2: 0, ...item.line }));
    legend.text(attrs({ x: x + 30, y: 0, 'font-size': 12, 'dominant-baseline': 'central', fill: COLOR.muted }), text(item.label));
  });
  const [x, y] = beside ? [width - MARGIN.right - LEGEND_WIDTH, 25] : [MARGIN.left, 52];
  svg.g(attrs({ transform: `translate(${round(x)} ${y})` }), legend);
  return beside ? MARGIN.top : MARGIN.top + 20;
}

function yAxis(svg: SVGBuilderInstance, frame: Frame, total: number): void {
  const grid = svgBuilder.create();
  const labels = svgBuilder.create();
  for (const value of yTicks(total, frame.bottom - frame.top)) {
    const y = frame.y(value);
    grid.line(attrs({ x1: frame.left, y1: y, x2: frame.right, y2: y }));
    labels.text(attrs({ x: frame.left - 10, y, 'text-anchor': 'end', 'dominant-baseline': 'central' }), text(String(value)));
  }
  svg.g(attrs({ stroke: COLOR.grid, 'stroke-width': 1, 'shape-rendering': 'crispEdges' }), grid);
  svg.g(attrs({ 'font-size': 12, fill: COLOR.muted }), labels);
  const middle = (frame.top + frame.bottom) / 2;
  svg.text(
    attrs({ x: 16, y: middle, transform: `rotate(-90 16 ${round(middle)})`, 'text-anchor': 'middle', 'font-size': 11, fill: COLOR.muted }),
    text('Remaining milestones'),
  );
  svg.line(attrs({ x1: frame.left, y1: frame.top, x2: frame.left, y2: frame.bottom, stroke: COLOR.axis, 'shape-rendering': 'crispEdges' }));
}

function xAxis(svg: SVGBuilderInstance, frame: Frame, points: BurndownPoint[]): void {
  const ticks = svgBuilder.create();
  const labels = svgBuilder.create();
  const step = labelStep(points.length, frame.right - frame.left);
  points.forEach((point, i) => {
    const x = frame.x(i);
    const labelled = i % step === 0;
    ticks.line(attrs({ x1: x, y1: frame.bottom, x2: x, y2: frame.bottom + (labelled ? 6 : 3) }));
    if (labelled) {
      labels.text(attrs({ x, y: frame.bottom + 20, 'text-anchor': 'middle' }), text(shortDate(point.date)));
    }
  });
  svg.line(
    attrs({ x1: frame.left, y1: frame.bottom, x2: frame.right, y2: frame.bottom, stroke: COLOR.axis, 'shape-rendering': 'crispEdges' }),
  );
  svg.g(attrs({ stroke: COLOR.axis, 'shape-rendering': 'crispEdges' }), ticks);
  svg.g(attrs({ 'font-size': 12, fill: COLOR.muted }), labels);
}

function asOfMarker(svg: SVGBuilderInstance, frame: Frame, points: BurndownPoint[], asOf: string): void {
  const index = points.findIndex((p) => p.date === asOf);
  if (index < 0) {
    return;
  }
  const x = frame.x(index);
  // Keep the label inside the plot near either edge.
  const anchor = x > frame.right - 60 ? 'end' : x < frame.left + 60 ? 'start' : 'middle';
  svg.line(
    attrs({ x1: x, y1: frame.top - 4, x2: x, y2: frame.bottom, stroke: COLOR.asOf, 'stroke-width': 1.5, 'stroke-dasharray': '2 3' }),
  );
  svg.text(
    attrs({ x, y: frame.top - 10, 'text-anchor': anchor, 'font-size': 11, 'font-weight': 600, fill: COLOR.asOf }),
    text(`as of ${shortDate(asOf)}`),
  );
}

function series(svg: SVGBuilderInstance, frame: Frame, points: BurndownPoint[]): void {
  const planned = points.map((p, i) => `${round(frame.x(i))},${round(frame.y(p.planned))}`).join(' ');
  svg.polyline(
    attrs({
      class: 'planned',
      points: planned,
      fill: 'none',
      stroke: COLOR.planned,
      'stroke-width': 2,
      'stroke-dasharray': '6 4',
      'stroke-linejoin': 'round',
    }),
  );

  const actual = points.flatMap((p, i) => (p.actual === null ? [] : [{ x: frame.x(i), y: frame.y(p.actual) }]));
  if (actual.length === 0) {
    return;
  }
  svg.polyline(
    attrs({
      class: 'actual',
      points: actual.map((p) => `${round(p.x)},${round(p.y)}`).join(' '),
      fill: 'none',
      stroke: COLOR.actual,
      'stroke-width': 2.5,
      'stroke-linejoin': 'round',
      'stroke-linecap': 'round',
    }),
  );
  // Dense series get a dot only on the last (asOf) point.
  const spacing = points.length > 1 ? (frame.right - frame.left) / (points.length - 1) : Infinity;
  const dots = svgBuilder.create();
  for (const p of spacing >= MIN_DOT_SPACING ? actual : actual.slice(-1)) {
    dots.circle(attrs({ cx: p.x, cy: p.y, r: 3.5 }));
  }
  svg.g(attrs({ fill: COLOR.actual, stroke: COLOR.background, 'stroke-width': 1.5 }), dots);
}

/** Integer ticks 0..total with a 1-2-5 step, at least ~28px apart; total itself is always labelled. */
function yTicks(total: number, plotHeight: number): number[] {
  const maxTicks = Math.max(2, Math.floor(plotHeight / 28));
  let step = 1;
  for (let magnitude = 1; ; magnitude *= 10) {
    const fits = [1, 2, 5].map((m) => m * magnitude).find((s) => total / s <= maxTicks);
    if (fits !== undefined) {
      step = fits;
      break;
    }
  }
  const ticks: number[] = [];
  for (let v = 0; v <= total; v += step) {
    ticks.push(v);
  }
  const last = ticks[ticks.length - 1];
  if (last !== total) {
    // Too close to the previous tick to label both: the top of the scale wins.
    if (total - last < step / 2) {
      ticks.pop();
    }
    ticks.push(total);
  }
  return ticks;
}

/** Label every n-th day so labels are at least ~64px apart. */
function labelStep(days: number, plotWidth: number): number {
  if (days <= 1) {
    return 1;
  }
  const perLabel = plotWidth / (days - 1);
  return Math.max(1, Math.ceil(64 / perLabel));
}

function describe(progress: BurndownChart): string {
  const points = progress.burndown;
  if (points.length === 0) {
    return 'No milestones.';
  }
  const today = points.find((p) => p.date === progress.asOf);
  const remaining = today?.actual ?? null;
  return (
    `Burndown of ${progress.total} milestones from ${points[0].date} to ${points[points.length - 1].date}` +
    (remaining === null ? '.' : `; ${remaining} remaining as of ${progress.asOf} (planned ${today?.planned}).`)
  );
}

function shortDate(day: string): string {
  const parsed = DateTime.fromISO(day, { zone: 'UTC', locale: 'en-US' });
  return parsed.isValid ? parsed.toFormat('LLL d') : day;
}

function dimension(value: number, min: number, name: string): number {
  if (!Number.isFinite(value) || value < min) {
    throw new RangeError(`${name} must be a number >= ${min}, got ${value}`);
  }
  return Math.round(value);
}

function truncate(value: string, max: number): string {
  const chars = [...value];
  return chars.length <= max ? value : `${chars.slice(0, max - 1).join('')}…`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Escaped attribute values, numbers rounded to 2 decimals. svg-builder writes them between double quotes verbatim. */
function attrs(values: Attrs): Attrs {
  const out: Attrs = {};
  for (const [key, value] of Object.entries(values)) {
    out[key] = typeof value === 'number' ? round(value) : escapeXml(value);
  }
  return out;
}

/** Escaped element content. */
function text(value: string): string {
  return escapeXml(value);
}

/** XML 1.0 escaping; characters XML cannot carry at all (most C0 controls, lone surrogates, U+FFFE/F) are dropped. */
export function escapeXml(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (c) => ENTITIES[c as keyof typeof ENTITIES]);
}

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
