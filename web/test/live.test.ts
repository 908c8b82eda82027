import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LiveConnection, type LinkState } from "../src/shared/live";
import type { ReconnectNotice } from "../src/shared/protocol";
import { Deferred, FakeServer } from "./fakes";

function setUp(resume?: (live: LiveConnection) => Promise<void>) {
  const server = new FakeServer();
  const states: LinkState[] = [];
  const received: unknown[] = [];
  // The resume step joins: the connections it ran on, in order.
  const resumes = () => server.calls.filter((c) => c.method === "JoinSession").map((c) => c.connection);
  const live: LiveConnection = new LiveConnection({
    url: () => "http://node/hubs/visitor",
    token: () => "token",
    connect: server.connect,
    random: () => 0.5,
    onState: (state) => states.push(state),
    resume: async () => {
      await live.invoke("JoinSession", "s_1", 0);
      await resume?.(live);
    },
  });
  live.on("message", (m) => received.push(m));
  return { server, states, received, resumes, live };
}

const notice = (inMs = 10_000, spreadMs = 1000): ReconnectNotice =>
  ({ reason: "draining", message: "This node is shutting down; reconnect and re-join.", closeAt: new Date(Date.now() + inMs).toISOString(), spreadMs });

describe("LiveConnection", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("on the reconnect event moves to a new connection, resumes there, then stops the old one, never showing a break", async () => {
    const { server, states, received, resumes, live } = setUp();
    await live.start();
    const [old] = server.connections;
    expect(states).toEqual(["connected"]);
    expect(resumes()).toEqual([old]);

    // A call still running on the old connection when the move is done gets to finish there.
    const slow = new Deferred<string>();
    server.answer = (_c, method) => (method === "Slow" ? slow.promise : undefined);
    const slowCall = live.invoke<string>("Slow");
    await vi.advanceTimersByTimeAsync(0);

    old.emit("reconnect", notice());
    await vi.advanceTimersByTimeAsync(499);
    expect(server.connections).toHaveLength(1); // waits its part of the spread (0.5 × 1000 ms)
    await vi.advanceTimersByTimeAsync(1);
    const next = server.connections[1];
    expect(next.state).toBe("Connected");
    expect(resumes()).toEqual([old, next]);
    expect(next.invocations.map((i) => i.method)).toEqual(["JoinSession"]);
    expect(old.state).toBe("Connected");

    slow.resolve("done");
    expect(await slowCall).toBe("done");
    await vi.advanceTimersByTimeAsync(0);
    expect(old.state).toBe("Disconnected");
    expect(states).toEqual(["connected"]);

    // One handler per connection; the new one delivers, the old one is gone.
    expect(next.handlerCount("message")).toBe(1);
    next.emit("message", "after the move");
    expect(received).toEqual(["after the move"]);
    await live.invoke("Anything");
    expect(next.invocations.at(-1)?.method).toBe("Anything");
  });

  it("counts the old connection's events until the new one has resumed, and drops them afterwards", async () => {
    const joined = new Deferred<void>();
    let moving = false;
    const { server, received, live } = setUp(async () => { if (moving) await joined.promise; });
    await live.start();
    const [old] = server.connections;
    moving = true;
    old.emit("reconnect", notice(10_000, 0));
    await vi.advanceTimersByTimeAsync(0);
    const next = server.connections[1];
    old.emit("message", "old, during the resume");
    next.emit("message", "new, during the resume");
    joined.resolve();
    await vi.advanceTimersByTimeAsync(0);
    old.state = "Connected"; // as if the server had not closed it yet
    old.emit("message", "old, after the move");
    expect(received).toEqual(["old, during the resume", "new, during the resume"]);
  });

  it("keeps trying while the new connection is refused; when the old one is closed first, reconnects the ordinary way", async () => {
    const { server, states, resumes, live } = setUp();
    await live.start();
    const [old] = server.connections;
    server.refuse = true; // no load balancer: the same, draining node answers 503
    old.emit("reconnect", notice(5000, 0));
    await vi.advanceTimersByTimeAsync(3500);
    const attempts = server.connections.length - 1;
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(states.at(-1)).toBe("connected"); // the old connection still works meanwhile

    old.drop(); // closeAt: the node closes it
    expect(states.at(-1)).toBe("reconnecting");
    await vi.advanceTimersByTimeAsync(10_000);
    expect(server.connections.length - 1).toBe(attempts); // the move gave up; the automatic reconnect goes on
    server.refuse = false;
    old.reconnect();
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toBe("connected");
    expect(resumes().at(-1)).toBe(old);
    expect(server.open).toEqual([old]);
  });

  it("uses the new connection of a move even when the old one dropped while it was being opened", async () => {
    const { server, states, resumes, live } = setUp();
    await live.start();
    const [old] = server.connections;
    const opening = new Deferred<void>();
    server.gate = opening.promise;
    old.emit("reconnect", notice(10_000, 0));
    await vi.advanceTimersByTimeAsync(0);
    const next = server.connections[1];
    expect(next.state).toBe("Connecting");
    old.drop(); // before the new connection's start completes
    expect(states.at(-1)).toBe("reconnecting");
    server.gate = null;
    opening.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(next.state).toBe("Connected");
    expect(resumes().at(-1)).toBe(next);
    expect(old.state).toBe("Disconnected"); // stopped: its automatic reconnect ends
    expect(states.slice(-2)).toEqual(["reconnecting", "connected"]);
    expect(server.open).toEqual([next]);
  });

  it("opens a fresh connection with backoff after a close, and calls made meanwhile wait for it", async () => {
    const { server, states, live } = setUp();
    await live.start();
    server.refuse = true;
    server.connections[0].close();
    expect(states.at(-1)).toBe("offline");
    const call = live.invoke("GetStatus");
    await vi.advanceTimersByTimeAsync(0 + 1000 + 2000);
    expect(server.connections).toHaveLength(4); // after 0, 1 and 2 s
    await vi.advanceTimersByTimeAsync(4999);
    expect(server.connections).toHaveLength(4);
    server.refuse = false;
    await vi.advanceTimersByTimeAsync(1);
    expect(server.connections).toHaveLength(5);
    expect(states.at(-1)).toBe("connected");
    await call;
    expect(server.connections[4].invocations.map((i) => i.method).sort()).toEqual(["GetStatus", "JoinSession"]);
  });

  it("gives up waiting for a connection after the time a call allows", async () => {
    const { server, live } = setUp();
    await live.start();
    server.connections[0].drop();
    const call = live.invokeWithin(10_000, "SendMessage", "s_1", "c-1", "Hi");
    const failed = expect(call).rejects.toMatchObject({ code: "disconnected" });
    await vi.advanceTimersByTimeAsync(10_000);
    await failed;
  });

  it("stops for good: no reconnect and no move afterwards", async () => {
    const { server, live } = setUp();
    await live.start();
    const [first] = server.connections;
    first.emit("reconnect", notice(10_000, 1000));
    await live.stop();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(server.connections).toHaveLength(1);
    expect(first.state).toBe("Disconnected");
  });
});
