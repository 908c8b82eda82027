import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { ReportSeries } from "../../shared/protocol";
import { chartColumns, show, type Metric } from "./chartData";

const height = 160;

/** One metric of the series over time, drawn by uPlot on a canvas; times on the axis are the site's (the series' zone). */
export function Chart({ series, metric }: { series: ReportSeries; metric: Metric }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const target = box.current!;
    const plot = new uPlot({
      width: Math.max(200, target.clientWidth),
      height,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), series.timeZone),
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(max ?? 0, metric.axisAtLeast)] } },
      axes: [
        { stroke: "#64748b", grid: { stroke: "#eef2f7" }, ticks: { show: false } },
        { stroke: "#64748b", grid: { stroke: "#eef2f7" }, ticks: { show: false }, size: 56, values: (_u, values) => values.map((v) => metric.format(v)) },
      ],
      series: [
        {},
        { label: metric.title, stroke: "#4f46e5", width: 2, fill: "rgba(79, 70, 229, 0.08)", spanGaps: false, points: { size: 5 },
          value: (_u, v) => show(metric, v) },
      ],
    }, chartColumns(series, metric), target);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(200, target.clientWidth), height }));
    resize.observe(target);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [series, metric]);
  const values = series.points.map((p) => metric.value(p.figures)).filter((v): v is number => v !== null);
  const label = values.length === 0 ? `${metric.title}: nothing counted yet` : `${metric.title} per ${series.bucket}, from ${show(metric, Math.min(...values))} to ${show(metric, Math.max(...values))}`;
  return (
    <figure class="card chart" data-testid={`chart-${metric.key}`}>
      <figcaption>{metric.title}</figcaption>
      <div ref={box} class="chart-plot" role="img" aria-label={label} />
    </figure>
  );
}
