import { describe, expect, it } from "vitest";
import { SiteVisitorsStore } from "../src/workspace/siteVisitorsStore";
import type { LiveConnection } from "../src/shared/live";
import { Events, type SiteVisitor } from "../src/shared/protocol";
import { ServerError } from "../src/shared/errors";

function visitor(customerId: string, version: number, currentPage = "/"): SiteVisitor {
  return {
    customerId, displayName: null, isKnown: false, presence: "online", currentPage, pageTitle: null,
    onSiteSince: "2026-12-05T10:00:00Z", pageSince: "2026-12-05T10:00:00Z", inSession: false, version,
  };
}

/** The agent hub as the store uses it: the test emits batches and answers WatchSiteVisitors. */
class FakeConnection {
  readonly handlers = new Map<string, (payload: any) => void>();
  watch: () => Promise<SiteVisitor[]> = async () => [];
  on(event: string, handler: (payload: any) => void) { this.handlers.set(event, handler); }
  async invoke(method: string) {
    if (method !== "WatchSiteVisitors") throw new Error(`no fake for ${method}`);
    return this.watch();
  }
  emit(event: string, payload: unknown) { this.handlers.get(event)!(payload); }
}

function setUp() {
  const connection = new FakeConnection();
  return { connection, store: new SiteVisitorsStore(connection as unknown as LiveConnection) };
}

const pages = (store: SiteVisitorsStore) => [...store.visitors.value.values()].map((v) => [v.customerId, v.currentPage]);

describe("SiteVisitorsStore", () => {
  it("takes the watched list, then applies batches newer than what it holds", async () => {
    const { connection, store } = setUp();
    connection.watch = async () => [visitor("a", 5, "/pricing")];
    await store.resume();
    expect(store.loaded.value).toBe(true);

    connection.emit(Events.siteVisitor, [visitor("a", 4, "/old"), visitor("b", 1, "/docs")]);
    expect(pages(store)).toEqual([["a", "/pricing"], ["b", "/docs"]]);
    connection.emit(Events.siteVisitor, [visitor("a", 6, "/checkout")]);
    expect(pages(store)).toEqual([["a", "/checkout"], ["b", "/docs"]]);
  });

  it("drops a visitor who left unless they came back since", () => {
    const { connection, store } = setUp();
    connection.emit(Events.siteVisitor, [visitor("a", 3), visitor("b", 3)]);
    connection.emit(Events.siteVisitorLeft, [{ customerId: "a", version: 2 }, { customerId: "b", version: 4 }]);
    expect(pages(store)).toEqual([["a", "/"]]);
  });

  it("says the list is not available when watching fails", async () => {
    const { connection, store } = setUp();
    connection.watch = async () => { throw new ServerError("forbidden", "Not for you."); }; // a repeat cannot cure it
    await store.resume();
    expect(store.available.value).toBe(false);
  });
});
