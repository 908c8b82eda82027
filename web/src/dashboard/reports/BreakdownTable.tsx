import type { ReportRow } from "../../shared/protocol";
import { percent } from "../format";
import { secondsText } from "./chartData";

/** One row per queue or agent of the interval; choosing one drills the history down to it. */
export function BreakdownTable({ title, by, rows, onDrill }: {
  title: string; by: "queue" | "agent"; rows: ReportRow[]; onDrill: (row: ReportRow) => void;
}) {
  return (
    <section class="card" aria-label={title} data-testid={`breakdown-${by}`}>
      <div class="card-head"><h3>{title}</h3><span class="badge">{rows.length}</span></div>
      {rows.length === 0 ? <p class="muted breakdown-empty">No sessions in this interval.</p> : (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{by === "queue" ? "Queue" : "Agent"}</th><th scope="col" class="r">Sessions</th><th scope="col" class="r">Answered</th>
                <th scope="col" class="r">Abandoned</th><th scope="col" class="r">First response</th><th scope="col" class="r">Handle time</th>
                <th scope="col" class="r">CSAT</th><th scope="col" class="r">Within SLA</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-testid={`${by}-row-${row.id}`}>
                  <th scope="row"><button type="button" class="link-btn" onClick={() => onDrill(row)} title={`Only ${row.name}'s sessions`}>{row.name}</button></th>
                  <td class="r num">{row.figures.sessions}</td>
                  <td class="r num">{row.figures.answered}</td>
                  <td class="r num">{row.figures.abandoned}</td>
                  <td class="r num">{secondsText(row.figures.averageFirstResponseSeconds)}</td>
                  <td class="r num">{secondsText(row.figures.averageHandleSeconds)}</td>
                  <td class="r num">{row.figures.averageCsat?.toFixed(1) ?? "—"}</td>
                  <td class="r num">{percent(row.figures.serviceLevel)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
