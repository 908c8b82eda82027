import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Thread } from "../src/shared/thread";
import type { JoinResult, MessageAck } from "../src/shared/protocol";
import { ServerError } from "../src/shared/errors";
import { Deferred, FakeHub, joinResult, message, range, seqs, sessionId, unavailable, view } from "./fakes";

const self = "v_1";
const newThread = () => new Thread(sessionId, () => self);
const ack = (seq: number, clientMessageId: string, text = `m${seq}`): MessageAck => ({
  sessionId, seq, at: new Date(0).toISOString(), clientMessageId, duplicate: false,
  message: message(seq, text, { senderId: self, senderRole: "visitor", senderName: "Visitor", clientMessageId }),
});

describe("Thread", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("holds live events that overtake the join reply, then shows everything once and in order", async () => {
    const thread = newThread();
    const reply = new Deferred<JoinResult>();
    const hub = new FakeHub().handle("JoinSession", () => reply.promise);
    const joined = thread.join(hub);
    expect(thread.joining).toBe(true);
    thread.add([message(5), message(4)]);
    expect(seqs(thread.messages.value)).toEqual([]);
    reply.resolve(joinResult([message(1), message(2), message(3)], 3));
    await joined;
    expect(seqs(thread.messages.value)).toEqual([1, 2, 3, 4, 5]);
    thread.add([message(4), message(6)]);
    expect(seqs(thread.messages.value)).toEqual(range(1, 6));
    await vi.advanceTimersByTimeAsync(30_000);
    expect(hub.count("JoinSession")).toBe(1);
  });

  it("re-joins from the highest contiguous seq and pages up to upToSeq when the reply had more", async () => {
    const thread = newThread();
    const hub = new FakeHub()
      .handle("JoinSession", () => joinResult([message(1), message(2)], 2))
      .handle("GetTranscript", (_id: string, after: number, limit: number) => range(after + 1, Math.min(after + limit, 900)).map((s) => message(s)));
    await thread.join(hub);
    expect(hub.calls[0].args).toEqual([sessionId, 0]);

    hub.handle("JoinSession", () => {
      thread.add([message(901)]); // a live event overtakes the reply and the pages
      return joinResult(range(3, 500).map((s) => message(s)), 900, true);
    });
    await thread.join(hub);
    expect(hub.calls.filter((c) => c.method === "JoinSession").map((c) => c.args)).toEqual([[sessionId, 0], [sessionId, 2]]);
    expect(hub.calls.filter((c) => c.method === "GetTranscript").map((c) => c.args)).toEqual([[sessionId, 500, 200], [sessionId, 700, 200]]);
    expect(seqs(thread.messages.value)).toEqual(range(1, 901));
    expect(thread.lastSeq).toBe(901);
  });

  it("repairs a gap that appears with no join in flight by re-joining from the contiguous seq", async () => {
    const thread = newThread();
    const hub = new FakeHub().handle("JoinSession", () => joinResult([message(1), message(2)], 2));
    await thread.join(hub);
    thread.add([message(4)]); // 3 was lost on the way
    expect(seqs(thread.messages.value)).toEqual([1, 2]);
    hub.handle("JoinSession", () => joinResult([message(3), message(4), message(5)], 5));
    await vi.advanceTimersByTimeAsync(300);
    expect(hub.calls.at(-1)).toEqual({ method: "JoinSession", args: [sessionId, 2] });
    expect(seqs(thread.messages.value)).toEqual([1, 2, 3, 4, 5]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(hub.count("JoinSession")).toBe(2);
  });

  it("keeps a session event that overtook the join reply, but not one behind it", async () => {
    const thread = newThread();
    const hub = new FakeHub().handle("JoinSession", () => {
      thread.setSession(view("active"));
      return joinResult([], 0, false, "offered");
    });
    await thread.join(hub);
    expect(thread.session.value?.status).toBe("active");

    hub.handle("JoinSession", () => {
      thread.setSession(view("queued")); // stale, from the connection being left
      return joinResult([], 0, false, "wrapUp");
    });
    await thread.join(hub);
    expect(thread.session.value?.status).toBe("wrapUp");
  });

  it("retries a send that fails with unavailable with the same client message id, and shows it once", async () => {
    const thread = newThread();
    let failures = 2;
    const hub = new FakeHub().handle("SendMessage", (_id: string, clientMessageId: string, text: string) => {
      if (failures-- > 0) throw unavailable();
      return ack(1, clientMessageId, text);
    });
    const sending = thread.send(hub, "Hello");
    expect(thread.pending.value.map((p) => p.state)).toEqual(["sending"]);
    await vi.advanceTimersByTimeAsync(1000);
    await sending;
    const ids = hub.calls.map((c) => c.args[1]);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
    // The acknowledgement carries the message: it takes the bubble's place.
    expect(thread.pending.value).toEqual([]);
    expect(thread.messages.value.map((m) => m.text)).toEqual(["Hello"]);
    // Another tab's event for the same message changes nothing.
    thread.add([message(1, "Hello", { senderId: self, clientMessageId: ids[0] as string })]);
    expect(thread.messages.value.map((m) => m.text)).toEqual(["Hello"]);
  });

  it("retries a send whose connection dropped before the acknowledgement", async () => {
    const thread = newThread();
    let dropped = false;
    const hub = new FakeHub().handle("SendMessage", (_id: string, clientMessageId: string) => {
      if (!dropped) {
        dropped = true;
        throw new Error("Invocation canceled due to the underlying connection being closed.");
      }
      return { ...ack(1, clientMessageId, "Hi"), duplicate: true };
    });
    thread.add([message(1, "Hi", { senderId: self })]);
    const sending = thread.send(hub, "Hi", "c-1");
    await vi.advanceTimersByTimeAsync(500);
    await sending;
    expect(hub.calls.map((c) => c.args[1])).toEqual(["c-1", "c-1"]);
    expect(thread.pending.value).toEqual([]);
  });

  it("keeps the order of one author's sends when an earlier one is retried after its connection dropped", async () => {
    const thread = newThread();
    // The server stores sends in the order they reach it; the first attempt of the first send dies with its connection.
    const stored: string[] = [];
    let drop = true;
    const hub = new FakeHub().handle("SendMessage", (_id: string, clientMessageId: string, text: string) => {
      if (drop) {
        drop = false;
        throw new Error("Invocation canceled due to the underlying connection being closed.");
      }
      stored.push(text);
      return ack(stored.length, clientMessageId);
    });
    const first = thread.send(hub, "Will our users be signed out?", "c-1");
    const second = thread.send(hub, "Perfect, thanks!", "c-2");
    expect(thread.pending.value.map((p) => p.text)).toEqual(["Will our users be signed out?", "Perfect, thanks!"]);
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all([first, second]);
    expect(stored).toEqual(["Will our users be signed out?", "Perfect, thanks!"]);
    expect(hub.calls.map((c) => c.args[1])).toEqual(["c-1", "c-1", "c-2"]);
  });

  it("sends the next message once an earlier one has failed for good", async () => {
    const thread = newThread();
    const hub = new FakeHub().handle("SendMessage", (_id: string, clientMessageId: string, text: string) => {
      if (text === "Too late") throw new ServerError("conflict", "The session is closed.");
      return ack(1, clientMessageId, text);
    });
    const refused = expect(thread.send(hub, "Too late", "c-1")).rejects.toThrow("The session is closed.");
    const next = thread.send(hub, "Next", "c-2");
    await refused;
    await next;
    expect(hub.calls.map((c) => c.args[1])).toEqual(["c-1", "c-2"]);
    expect(thread.pending.value.map((p) => [p.clientMessageId, p.state])).toEqual([["c-1", "failed"]]);
    expect(thread.messages.value.map((m) => m.text)).toEqual(["Next"]);
  });

  it("shows a refused send as failed at once, and a send that keeps failing after a bounded number of attempts", async () => {
    const thread = newThread();
    const hub = new FakeHub().handle("SendMessage", () => { throw new ServerError("conflict", "The session is closed."); });
    await expect(thread.send(hub, "Too late", "c-1")).rejects.toThrow("The session is closed.");
    expect(hub.count("SendMessage")).toBe(1);
    expect(thread.pending.value).toEqual([{ clientMessageId: "c-1", text: "Too late", state: "failed", error: "The session is closed." }]);

    hub.handle("SendMessage", () => { throw unavailable(); });
    const sending = thread.send(hub, "Still there?", "c-2");
    const failed = expect(sending).rejects.toThrow();
    await vi.advanceTimersByTimeAsync(60_000);
    await failed;
    expect(hub.calls.filter((c) => c.args[1] === "c-2")).toHaveLength(6);
    expect(thread.pending.value.find((p) => p.clientMessageId === "c-2")).toMatchObject({ state: "failed", error: "Not sent." });
  });

  it("holds a message that overtakes the acknowledgement of an own send, without a repair, until the acknowledgement fills the gap", async () => {
    const thread = newThread();
    const acked = new Deferred<MessageAck>();
    const hub = new FakeHub()
      .handle("JoinSession", () => joinResult([message(1), message(2)], 2))
      .handle("SendMessage", () => acked.promise);
    await thread.join(hub);
    const sending = thread.send(hub, "Mine", "c-3");
    thread.add([message(4)]); // the agent's reply, sent as an event, overtakes the acknowledgement of 3
    await vi.advanceTimersByTimeAsync(5_000);
    expect(hub.count("JoinSession")).toBe(1);
    expect(seqs(thread.messages.value)).toEqual([1, 2]);
    acked.resolve(ack(3, "c-3", "Mine"));
    await sending;
    expect(seqs(thread.messages.value)).toEqual([1, 2, 3, 4]);
    expect(thread.pending.value).toEqual([]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(hub.count("JoinSession")).toBe(1);
  });

  it("repairs a gap left open once the send it waited for has failed", async () => {
    const thread = newThread();
    const hub = new FakeHub()
      .handle("JoinSession", () => joinResult([message(1), message(2)], 2))
      .handle("SendMessage", () => { throw new ServerError("conflict", "The session is closed."); });
    await thread.join(hub);
    const sending = expect(thread.send(hub, "Too late", "c-3")).rejects.toThrow();
    thread.add([message(4)]);
    await sending;
    hub.handle("JoinSession", () => joinResult([message(3), message(4)], 4));
    await vi.advanceTimersByTimeAsync(300);
    expect(hub.calls.at(-1)).toEqual({ method: "JoinSession", args: [sessionId, 2] });
    expect(seqs(thread.messages.value)).toEqual([1, 2, 3, 4]);
  });

  it("keeps an own message's pending bubble while it is held behind a gap", async () => {
    const thread = newThread();
    const hub = new FakeHub()
      .handle("JoinSession", () => joinResult([message(1), message(2)], 2))
      .handle("SendMessage", (_id: string, clientMessageId: string) => ack(4, clientMessageId, "Mine"));
    await thread.join(hub);
    await thread.send(hub, "Mine", "c-4");
    expect(seqs(thread.messages.value)).toEqual([1, 2]);
    expect(thread.pending.value.map((p) => p.clientMessageId)).toEqual(["c-4"]);
    thread.add([message(3)]);
    expect(seqs(thread.messages.value)).toEqual([1, 2, 3, 4]);
    expect(thread.pending.value).toEqual([]);
  });

  it("marks read up to the contiguous seq, not a held one", async () => {
    const thread = newThread();
    const hub = new FakeHub().handle("JoinSession", () => joinResult([message(1)], 1)).handle("MarkRead", () => undefined);
    await thread.join(hub);
    thread.add([message(3)]);
    await thread.markRead(hub, "MarkRead");
    expect(hub.calls.find((c) => c.method === "MarkRead")?.args).toEqual([sessionId, 1]);
    thread.dispose();
  });
});
