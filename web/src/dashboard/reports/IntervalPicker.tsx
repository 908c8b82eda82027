import { useState } from "preact/hooks";
import { customRangeProblem, periods, type Interval } from "./reportQuery";

/** Today, yesterday, the last 7 days (the site's days), or two dates of one's own. */
export function IntervalPicker({ interval, onChoose }: { interval: Interval; onChoose: (interval: Interval) => void }) {
  const [custom, setCustom] = useState(interval.kind === "custom");
  const [from, setFrom] = useState(interval.kind === "custom" ? interval.from : "");
  const [to, setTo] = useState(interval.kind === "custom" ? interval.to : "");
  const problem = customRangeProblem(from, to);
  return (
    <div class="interval" role="group" aria-label="Interval">
      <div class="segmented">
        {periods.map((p) => (
          <button key={p.kind} type="button" aria-pressed={!custom && interval.kind === p.kind}
            onClick={() => { setCustom(false); onChoose({ kind: p.kind }); }}>{p.label}</button>
        ))}
        <button type="button" aria-pressed={custom} onClick={() => setCustom(true)}>Custom range</button>
      </div>
      {custom && (
        <form class="interval-custom" onSubmit={(e) => { e.preventDefault(); if (!problem) onChoose({ kind: "custom", from, to }); }}>
          <label>From <input type="date" class="input input-sm" value={from} onInput={(e) => setFrom(e.currentTarget.value)} /></label>
          <label>To <input type="date" class="input input-sm" value={to} onInput={(e) => setTo(e.currentTarget.value)} /></label>
          <button type="submit" class="btn btn-sm btn-primary" disabled={problem !== null} title={problem ?? undefined}>Show</button>
        </form>
      )}
    </div>
  );
}
