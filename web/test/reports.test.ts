import { afterEach, describe, expect, it, vi } from "vitest";
import { bucketFor, customRangeProblem, reportQuery } from "../src/dashboard/reports/reportQuery";
import { chartColumns, metrics, show } from "../src/dashboard/reports/chartData";
import { ReportsStore } from "../src/dashboard/reports/reportsStore";
import { fileNameOf } from "../src/shared/http";
import type { LoginResponse, ReportFigures, ReportSeries, ReportSummary } from "../src/shared/protocol";

const login: LoginResponse = { agentId: "sam", role: "supervisor", name: "Sam", token: "t", expiresAt: "2099-01-01T00:00:00Z" };

function figures(extra: Partial<ReportFigures> = {}): ReportFigures {
  return {
    sessions: 0, answered: 0, abandoned: 0, missed: 0, waiting: 0, answerRate: null, abandonmentRate: null,
    averageFirstResponseSeconds: null, p90FirstResponseSeconds: null, averageHandleSeconds: null, averageCsat: null, csatAnswers: 0, serviceLevel: null,
    firstResponseBreaches: 0, nextResponseBreaches: 0, resolutionBreaches: 0, sessionsBreached: 0,
    ...extra,
  };
}

function series(extra: Partial<ReportSeries> = {}): ReportSeries {
  return {
    from: "2026-12-03T18:30:00+00:00", to: "2026-12-04T18:30:00+00:00", timeZone: "Asia/Kolkata", bucket: "hour", queueId: null, agentId: null,
    points: [
      { start: "2026-12-03T18:30:00+00:00", figures: figures({ sessions: 3, answerRate: 0.6667 }) },
      { start: "2026-12-03T19:30:00+00:00", figures: figures() },
    ],
    ...extra,
  };
}

function summary(): ReportSummary {
  return { from: "2026-12-03T18:30:00+00:00", to: "2026-12-04T18:30:00+00:00", timeZone: "Asia/Kolkata", queueId: null, agentId: null, total: figures({ sessions: 3 }), queues: [], agents: [] };
}

describe("report queries", () => {
  it("name a period, or a custom range of local dates, with the drill-down and the bucket", () => {
    expect(reportQuery({ kind: "last7days" }, null, "day")).toBe("period=last7days&bucket=day");
    expect(reportQuery({ kind: "custom", from: "2026-11-01", to: "2026-11-30" }, { by: "agent", id: "alice", name: "Alice" })).toBe("from=2026-11-01&to=2026-11-30&agentId=alice");
    expect(reportQuery({ kind: "today" }, { by: "queue", id: "support", name: "Support" }, "hour", true)).toBe("period=today&bucket=hour&queueId=support&format=csv");
  });

  it("cut one day into hours and longer intervals into days", () => {
    expect(bucketFor({ kind: "today" })).toBe("hour");
    expect(bucketFor({ kind: "yesterday" })).toBe("hour");
    expect(bucketFor({ kind: "last7days" })).toBe("day");
    expect(bucketFor({ kind: "custom", from: "2026-12-01", to: "2026-12-01" })).toBe("hour");
    expect(bucketFor({ kind: "custom", from: "2026-12-01", to: "2026-12-02" })).toBe("day");
  });

  it("refuse a custom range without both dates or backwards", () => {
    expect(customRangeProblem("", "2026-12-01")).not.toBeNull();
    expect(customRangeProblem("2026-12-02", "2026-12-01")).not.toBeNull();
    expect(customRangeProblem("2026-12-01", "2026-12-01")).toBeNull();
  });
});

describe("charts", () => {
  it("draw each bucket at its start, with gaps where nothing was counted", () => {
    const answerRate = metrics.find((m) => m.key === "answerRate")!;
    expect(chartColumns(series(), answerRate)).toEqual([[Date.parse("2026-12-03T18:30:00Z") / 1000, Date.parse("2026-12-03T19:30:00Z") / 1000], [0.6667, null]]);
    expect(show(answerRate, 0.6667)).toBe("67%");
    expect(show(answerRate, null)).toBe("—");
    expect(metrics.map((m) => m.key)).toEqual(["volume", "answerRate", "firstResponse", "handle", "csat", "abandonment"]);
  });

  it("read durations in seconds, minutes or hours", () => {
    const firstResponse = metrics.find((m) => m.key === "firstResponse")!;
    expect([show(firstResponse, 0.42), show(firstResponse, 12.4), show(firstResponse, 600), show(firstResponse, 7200)]).toEqual(["0.4 s", "12 s", "10 min", "2.0 h"]);
  });
});

describe("downloads", () => {
  it("take the file name the server gives", () => {
    expect(fileNameOf('attachment; filename="report-series-daily-2026-11-28-to-2026-12-04.csv"')).toBe("report-series-daily-2026-11-28-to-2026-12-04.csv");
    expect(fileNameOf("attachment; filename=report.csv")).toBe("report.csv");
    expect(fileNameOf(null)).toBeNull();
  });
});

describe("ReportsStore", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("loads the summary and the series of the chosen interval, and saves the CSV under the server's name", async () => {
    const urls: string[] = [];
    vi.stubGlobal("fetch", async (url: string) => {
      urls.push(url);
      if (url.includes("format=csv")) return new Response("start,sessions\r\n", { headers: { "Content-Disposition": 'attachment; filename="report-series-daily-x.csv"' } });
      return new Response(JSON.stringify(url.includes("/series") ? series() : summary()), { headers: { "Content-Type": "application/json" } });
    });
    const saved: string[] = [];
    const store = new ReportsStore(login, "", (_blob, name) => saved.push(name));
    await store.choose({ kind: "last7days" });
    expect(urls).toEqual(["/api/reports/summary?period=last7days", "/api/reports/series?period=last7days&bucket=day"]);
    expect(store.summary.value?.total.sessions).toBe(3);
    expect(store.series.value?.points).toHaveLength(2);

    await store.drillInto({ by: "queue", id: "support", name: "Support" });
    expect(urls.at(-1)).toBe("/api/reports/series?period=last7days&bucket=day&queueId=support");
    await store.downloadCsv();
    expect(saved).toEqual(["report-series-daily-x.csv"]);
  });

  it("keeps only the answer to the latest choice", async () => {
    const answers: ((r: Response) => void)[] = [];
    vi.stubGlobal("fetch", () => new Promise<Response>((resolve) => answers.push(resolve)));
    const store = new ReportsStore(login);
    const first = store.choose({ kind: "today" });
    const second = store.choose({ kind: "yesterday" });
    const json = (value: unknown) => new Response(JSON.stringify(value), { headers: { "Content-Type": "application/json" } });
    answers[2](json({ ...summary(), timeZone: "latest" }));
    answers[3](json(series()));
    await second;
    answers[0](json({ ...summary(), timeZone: "stale" }));
    answers[1](json(series()));
    await first;
    expect(store.summary.value?.timeZone).toBe("latest");
    expect(store.loading.value).toBe(false);
  });

  it("says why the history could not be loaded", async () => {
    vi.stubGlobal("fetch", async () => new Response(JSON.stringify({ code: "too_large", detail: "A report covers at most 366 days." }), { status: 400 }));
    const store = new ReportsStore(login);
    await store.choose({ kind: "custom", from: "2020-01-01", to: "2026-01-01" });
    expect(store.error.value).toBe("A report covers at most 366 days.");
  });
});
