/** Which interval, bucket and drill-down the history shows, and the /api/reports query for it (docs/protocol.md, Reports). */

/** Named periods are cut by the server in the site's time zone; a custom range is two local dates, both included. */
export type Interval =
  | { kind: "today" | "yesterday" | "last7days" }
  | { kind: "custom"; from: string; to: string };

/** One queue's or one agent's sessions, or all of them (null). */
export type Drill = { by: "queue" | "agent"; id: string; name: string } | null;

export type Bucket = "hour" | "day";

export const periods: { kind: "today" | "yesterday" | "last7days"; label: string }[] = [
  { kind: "today", label: "Today" },
  { kind: "yesterday", label: "Yesterday" },
  { kind: "last7days", label: "Last 7 days" },
];

/** Hours for a single day, days for anything longer. */
export function bucketFor(interval: Interval): Bucket {
  if (interval.kind !== "custom") return interval.kind === "last7days" ? "day" : "hour";
  return interval.from === interval.to ? "hour" : "day";
}

/** The query string of a report: interval, drill-down, and for a series its bucket; `csv` asks for the download. */
export function reportQuery(interval: Interval, drill: Drill, bucket?: Bucket, csv = false): string {
  const q = new URLSearchParams();
  if (interval.kind === "custom") {
    q.set("from", interval.from);
    q.set("to", interval.to);
  } else {
    q.set("period", interval.kind);
  }
  if (bucket) q.set("bucket", bucket);
  if (drill) q.set(drill.by === "queue" ? "queueId" : "agentId", drill.id);
  if (csv) q.set("format", "csv");
  return q.toString();
}

/** Why a custom range cannot be asked for, or null: both dates given (YYYY-MM-DD), from not after to. */
export function customRangeProblem(from: string, to: string): string | null {
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (!date.test(from) || !date.test(to)) return "Choose both dates.";
  if (from > to) return "The first date comes before the last.";
  return null;
}
