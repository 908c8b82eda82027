import type { ReportFigures, ReportSeries } from "../../shared/protocol";

/** One chart of the history: which figure of each bucket it draws, how its values read, and the least its axis shows. */
export interface Metric {
  key: string;
  title: string;
  value: (f: ReportFigures) => number | null;
  format: (v: number) => string;
  axisAtLeast: number;
}

const seconds = (v: number) =>
  v < 10 ? `${v.toFixed(1)} s` : v < 90 ? `${Math.round(v)} s` : v < 5400 ? `${Math.round(v / 60)} min` : `${(v / 3600).toFixed(1)} h`;
const percent = (v: number) => `${Math.round(v * 100)}%`;

export const metrics: Metric[] = [
  { key: "volume", title: "Volume", value: (f) => f.sessions, format: (v) => String(Math.round(v)), axisAtLeast: 1 },
  { key: "answerRate", title: "Answer rate", value: (f) => f.answerRate, format: percent, axisAtLeast: 1 },
  { key: "firstResponse", title: "First response (avg)", value: (f) => f.averageFirstResponseSeconds, format: seconds, axisAtLeast: 10 },
  { key: "handle", title: "Handle time (avg)", value: (f) => f.averageHandleSeconds, format: seconds, axisAtLeast: 60 },
  { key: "csat", title: "CSAT (avg)", value: (f) => f.averageCsat, format: (v) => v.toFixed(1), axisAtLeast: 5 },
  { key: "abandonment", title: "Abandonment", value: (f) => f.abandonmentRate, format: percent, axisAtLeast: 1 },
];

/** uPlot's columns for one metric: bucket starts in Unix seconds, and the values (null where nothing was counted). */
export function chartColumns(series: ReportSeries, metric: Metric): [number[], (number | null)[]] {
  return [series.points.map((p) => Date.parse(p.start) / 1000), series.points.map((p) => metric.value(p.figures))];
}

/** "4.2 s" / "37%" / "—" for a figure that may be missing. */
export function show(metric: Metric, value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : metric.format(value);
}

export const secondsText = (v: number | null | undefined) => (v === null || v === undefined ? "—" : seconds(v));
