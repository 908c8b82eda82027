import { afterEach, describe, expect, it, vi } from "vitest";
import { WaitingStore, refusalShownMs, type OpenSession } from "../src/workspace/waitingStore";
import type { LiveConnection } from "../src/shared/live";
import type { JoinResult, QueueWaitingList, QueuedSession } from "../src/shared/protocol";
import { ServerError } from "../src/shared/errors";
import { Deferred, joinResult } from "./fakes";

function waiting(sessionId: string, extra: Partial<QueuedSession> = {}): QueuedSession {
  return {
    sessionId, customerId: "v_" + sessionId, topic: null, requiredSkills: [], enqueuedAt: "2026-12-04T10:00:00Z", offeredTo: null,
    offerExpiresAt: null, preferredAgentId: null, priority: 0, enteredAt: null, transferredFrom: null, ...extra,
  };
}

function list(queueId: string, version: number, sessions: string[], extra: Partial<QueueWaitingList> = {}): QueueWaitingList {
  return { queueId, name: queueId, cherryPick: true, waiting: sessions.map((s) => waiting(s)), total: sessions.length, version, ...extra };
}

/** The agent hub as the store uses it: the test emits events and answers WatchQueues and PickSession. */
class FakeConnection {
  readonly handlers = new Map<string, (payload: any) => void>();
  readonly calls: { method: string; args: unknown[] }[] = [];
  answers = new Map<string, (...args: unknown[]) => unknown>();
  on(event: string, handler: (payload: any) => void) { this.handlers.set(event, handler); }
  async invoke(method: string, ...args: unknown[]) {
    this.calls.push({ method, args });
    const answer = this.answers.get(method);
    if (!answer) throw new Error(`no fake for ${method}`);
    return answer(...args);
  }
  emit(event: string, payload: unknown) { this.handlers.get(event)!(payload); }
}

function setUp(open: OpenSession = async (_id, claim) => void (await claim())) {
  const connection = new FakeConnection();
  const store = new WaitingStore(connection as unknown as LiveConnection, open);
  return { connection, store };
}

const shown = (store: WaitingStore) => store.queues.value.map((q) => [q.queueId, q.waiting.map((w) => w.sessionId)]);

describe("WaitingStore", () => {
  afterEach(() => vi.useRealTimers());

  it("keeps each queue's sessions in the server's order and the queues by name", () => {
    const { connection, store } = setUp();
    connection.emit("queueWaiting", list("sales", 1, ["s_3", "s_1"], { name: "Sales" }));
    connection.emit("queueWaiting", list("billing", 1, ["s_2"], { name: "Billing" }));
    expect(shown(store)).toEqual([["billing", ["s_2"]], ["sales", ["s_3", "s_1"]]]);
    expect(store.total.value).toBe(3);
  });

  it("ignores a list older than the last one seen of its queue, from events and from the watch", async () => {
    const { connection, store } = setUp();
    connection.emit("queueWaiting", list("support", 5, ["s_1", "s_2"]));
    connection.emit("queueWaiting", list("support", 4, ["s_1"]));
    expect(shown(store)).toEqual([["support", ["s_1", "s_2"]]]);
    // Another queue's versions are its own.
    connection.emit("queueWaiting", list("sales", 1, ["s_9"]));
    expect(shown(store)).toEqual([["sales", ["s_9"]], ["support", ["s_1", "s_2"]]]);

    // The watch's reply crossed a newer event of support: the event stays; sales' newer list is taken.
    connection.answers.set("WatchQueues", () => [list("support", 3, []), list("sales", 2, ["s_9", "s_8"])]);
    await store.resume();
    expect(shown(store)).toEqual([["sales", ["s_9", "s_8"]], ["support", ["s_1", "s_2"]]]);
    connection.emit("queueWaiting", list("support", 6, ["s_2"]));
    expect(shown(store)).toEqual([["sales", ["s_9", "s_8"]], ["support", ["s_2"]]]);
  });

  it("watches again on every resume, dropping queues no longer watched, and never takes back an older list", async () => {
    const { connection, store } = setUp();
    connection.answers.set("WatchQueues", () => [list("support", 2, ["s_1"]), list("sales", 2, [])]);
    await store.resume();
    connection.answers.set("WatchQueues", () => [list("support", 3, ["s_1", "s_2"])]);
    await store.resume();
    expect(connection.calls.filter((c) => c.method === "WatchQueues")).toHaveLength(2);
    expect(shown(store)).toEqual([["support", ["s_1", "s_2"]]]);
    connection.emit("queueWaiting", list("sales", 1, ["s_old"]));
    expect(shown(store)).toEqual([["support", ["s_1", "s_2"]]]);
    expect(store.available.value).toBe(true);
  });

  it("says the lists are unavailable on a server without WatchQueues", async () => {
    const { connection, store } = setUp();
    connection.answers.set("WatchQueues", () => { throw new ServerError("error", "HubException: Method does not exist."); });
    await store.resume();
    expect(store.available.value).toBe(false);
  });

  it("takes a session through PickSession and the accept path, and it leaves the list", async () => {
    const opened: string[] = [];
    const { connection, store } = setUp(async (id, claim) => { await claim(); opened.push(id); });
    const reply = new Deferred<JoinResult>();
    connection.answers.set("PickSession", () => reply.promise);
    connection.emit("queueWaiting", list("support", 1, ["s_1", "s_2"]));
    const taken = store.take("support", waiting("s_2"));
    expect(store.taking.value.has("s_2")).toBe(true);
    void store.take("support", waiting("s_2")); // a second click while the first is on its way does nothing
    reply.resolve(joinResult([], 0));
    await taken;
    expect(connection.calls.filter((c) => c.method === "PickSession").map((c) => c.args)).toEqual([["support", "s_2"]]);
    expect(opened).toEqual(["s_2"]);
    expect(shown(store)).toEqual([["support", ["s_1"]]]);
    expect(store.lists.value.get("support")!.total).toBe(1);
    expect(store.taking.value.size).toBe(0);
  });

  it("shows the server's refusal at the row for a while, and the session stays listed", async () => {
    vi.useFakeTimers();
    const { connection, store } = setUp();
    connection.answers.set("PickSession", () => { throw new ServerError("conflict", "That session is no longer waiting."); });
    connection.emit("queueWaiting", list("support", 1, ["s_1"]));
    await store.take("support", waiting("s_1"));
    expect(store.refusal.value).toEqual({ sessionId: "s_1", text: "That session is no longer waiting." });
    expect(shown(store)).toEqual([["support", ["s_1"]]]);
    vi.advanceTimersByTime(refusalShownMs);
    expect(store.refusal.value).toBeNull();
  });
});
