import { signal } from "@preact/signals";
import { requestDownload, requestJson } from "../../shared/http";
import { ServerError } from "../../shared/errors";
import type { LoginResponse, ReportSeries, ReportSummary } from "../../shared/protocol";
import { bucketFor, reportQuery, type Drill, type Interval } from "./reportQuery";

/**
 * The dashboard's history: the chosen interval and drill-down, and the summary and series the server computes for
 * them (GET /api/reports/…). Each change loads both again; an answer to an older choice is dropped.
 */
export class ReportsStore {
  readonly interval = signal<Interval>({ kind: "today" });
  readonly drill = signal<Drill>(null);
  readonly summary = signal<ReportSummary | null>(null);
  readonly series = signal<ReportSeries | null>(null);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  private generation = 0;

  constructor(private readonly login: LoginResponse, private readonly base = "", private readonly save: (blob: Blob, name: string) => void = saveFile) {}

  choose(interval: Interval) {
    this.interval.value = interval;
    return this.load();
  }

  drillInto(drill: Drill) {
    this.drill.value = drill;
    return this.load();
  }

  async load() {
    const mine = ++this.generation;
    const interval = this.interval.value;
    const drill = this.drill.value;
    this.loading.value = true;
    try {
      const [summary, series] = await Promise.all([
        requestJson<ReportSummary>(this.base, "GET", `/api/reports/summary?${reportQuery(interval, drill)}`, this.login.token),
        requestJson<ReportSeries>(this.base, "GET", `/api/reports/series?${reportQuery(interval, drill, bucketFor(interval))}`, this.login.token),
      ]);
      if (mine !== this.generation) return;
      this.summary.value = summary;
      this.series.value = series;
      this.error.value = null;
    } catch (error) {
      if (mine === this.generation) this.error.value = error instanceof ServerError ? error.message : "The history could not be loaded.";
    } finally {
      if (mine === this.generation) this.loading.value = false;
    }
  }

  /** The series on screen as a CSV file, named by the server. */
  async downloadCsv() {
    const interval = this.interval.value;
    try {
      const { blob, fileName } = await requestDownload(this.base, `/api/reports/series?${reportQuery(interval, this.drill.value, bucketFor(interval), true)}`, this.login.token, "report.csv");
      this.save(blob, fileName);
    } catch (error) {
      this.error.value = error instanceof ServerError ? error.message : "The CSV could not be downloaded.";
    }
  }
}

/** Hands a file to the browser's downloads. */
function saveFile(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
