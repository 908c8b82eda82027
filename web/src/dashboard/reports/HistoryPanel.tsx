import { useEffect, useMemo } from "preact/hooks";
import type { LoginResponse, ReportFigures } from "../../shared/protocol";
import { percent } from "../format";
import { BreakdownTable } from "./BreakdownTable";
import { Chart } from "./Chart";
import { metrics, secondsText } from "./chartData";
import { IntervalPicker } from "./IntervalPicker";
import { ReportsStore } from "./reportsStore";

/** The dashboard's history: an interval, its figures and charts, drill-down per queue and agent, and the CSV. */
export function HistoryPanel({ login }: { login: LoginResponse }) {
  const reports = useMemo(() => new ReportsStore(login), [login]);
  useEffect(() => void reports.load(), [reports]);
  const summary = reports.summary.value;
  const series = reports.series.value;
  const drill = reports.drill.value;
  return (
    <section class="history" aria-labelledby="history-title">
      <div class="history-head">
        <div>
          <h2 id="history-title">History</h2>
          {summary && <p class="muted">Sessions by the time they were requested · {summary.timeZone} time</p>}
        </div>
        <IntervalPicker interval={reports.interval.value} onChoose={(i) => void reports.choose(i)} />
        <button type="button" class="btn btn-sm" onClick={() => void reports.downloadCsv()}>Download CSV</button>
      </div>
      {drill && (
        <p class="drill" data-testid="drill">
          Showing {drill.by === "queue" ? "queue" : "agent"} <strong>{drill.name}</strong>
          <button type="button" class="btn btn-sm btn-ghost" onClick={() => void reports.drillInto(null)}>Show everyone</button>
        </p>
      )}
      {reports.error.value && <p class="card db-error" role="alert">{reports.error.value}</p>}
      {summary && <Totals figures={summary.total} />}
      {series && <div class="charts" aria-busy={reports.loading.value}>{metrics.map((m) => <Chart key={m.key} series={series} metric={m} />)}</div>}
      {summary && (
        <div class="db-grid">
          <BreakdownTable title="By queue" by="queue" rows={summary.queues} onDrill={(row) => void reports.drillInto({ by: "queue", id: row.id, name: row.name })} />
          <BreakdownTable title="By agent" by="agent" rows={summary.agents} onDrill={(row) => void reports.drillInto({ by: "agent", id: row.id, name: row.name })} />
        </div>
      )}
    </section>
  );
}

function Totals({ figures: f }: { figures: ReportFigures }) {
  const items: [string, string, string][] = [
    ["Sessions", String(f.sessions), `${f.waiting} waiting`],
    ["Answer rate", percent(f.answerRate), `${f.answered} answered`],
    ["Abandoned", percent(f.abandonmentRate), `${f.abandoned} left · ${f.missed} missed`],
    ["First response", secondsText(f.averageFirstResponseSeconds), `p90 ${secondsText(f.p90FirstResponseSeconds)}`],
    ["Handle time", secondsText(f.averageHandleSeconds), "average"],
    ["CSAT", f.averageCsat?.toFixed(1) ?? "—", `${f.csatAnswers} ratings`],
    ["Service level", percent(f.serviceLevel), "answered within SLA"],
  ];
  return (
    <dl class="history-totals" data-testid="history-totals">
      {items.map(([label, value, sub]) => (
        <div key={label} class="card kpi"><dt class="kpi-label">{label}</dt><dd class="kpi-value">{value}</dd><dd class="kpi-sub">{sub}</dd></div>
      ))}
    </dl>
  );
}
