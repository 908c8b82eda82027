// Test doubles: chat messages, a Hub for Thread, and hub connections for LiveConnection. Written for these
// tests; they behave as @microsoft/signalr and the server do where the code under test depends on it.
import type { Hub, HubLike } from "../src/shared/live";
import type { ChatMessage, JoinResult, SessionView } from "../src/shared/protocol";
import { ServerError } from "../src/shared/errors";
import { PendingFiles } from "../src/shared/attachments/pending";

export const sessionId = "s_test";

export function message(seq: number, text = `m${seq}`, extra: Partial<ChatMessage> = {}): ChatMessage {
  return { sessionId, seq, kind: "text", senderId: "agent-1", senderRole: "agent", senderName: "Agent", text, at: new Date(0).toISOString(), clientMessageId: null, attachments: null, precededBy: null, ...extra };
}

export const seqs = (messages: readonly ChatMessage[]) => messages.map((m) => m.seq);
export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export function view(status: SessionView["status"] = "active", lastSeq = 0): SessionView {
  return {
    sessionId, status, customerId: "v_1", queueId: "support", topic: null, requiredSkills: [], participants: [],
    timings: { requestedAt: new Date(0).toISOString(), queuedAt: null, firstOfferedAt: null, acceptedAt: null, firstAgentReplyAt: null, wrapUpAt: null, closedAt: null, abandonedAt: null },
    lastSeq, assignedAgentId: null, outcome: null, channel: "web", preferredAgentId: null, rating: null, reads: [], transfer: null, members: null, invites: null, supervisors: null, sla: null,
  };
}

export function joinResult(missed: ChatMessage[], upToSeq: number, hasMore = false, status: SessionView["status"] = "active"): JoinResult {
  return { session: view(status, upToSeq), missed, hasMore, upToSeq };
}

/** The files of a composer whose test uploads nothing: an upload is refused. */
export const noUploads = () => new PendingFiles(async () => { throw new ServerError("error", "no uploads in this test"); });

export class Deferred<T> {
  resolve!: (value: T) => void;
  reject!: (error: unknown) => void;
  readonly promise = new Promise<T>((resolve, reject) => ((this.resolve = resolve), (this.reject = reject)));
}

export const unavailable = () => new ServerError("unavailable", "A node is restarting.");

type Handler = (...args: any[]) => unknown;

/** A Hub whose methods the test answers: each call is recorded and handled by the function set for its name. */
export class FakeHub implements Hub {
  readonly calls: { method: string; args: unknown[] }[] = [];
  readonly sent: { method: string; args: unknown[] }[] = [];
  private readonly handlers = new Map<string, Handler>();

  handle(method: string, handler: Handler): this {
    this.handlers.set(method, handler);
    return this;
  }

  count(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  async invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    this.calls.push({ method, args });
    const handler = this.handlers.get(method);
    if (!handler) throw new ServerError("error", `no fake for ${method}`);
    return (await handler(...args)) as T;
  }

  invokeWithin<T>(_waitMs: number, method: string, ...args: unknown[]): Promise<T> {
    return this.invoke<T>(method, ...args);
  }

  send(method: string, ...args: unknown[]): void {
    this.sent.push({ method, args });
  }
}

/** Where fake connections connect: the test decides whether a start is refused, and answers invocations. */
export class FakeServer {
  readonly connections: FakeConnection[] = [];
  /** Every invocation, with the connection it went over. */
  readonly calls: { connection: FakeConnection; method: string; args: unknown[] }[] = [];
  refuse = false;
  /** While set, connection starts wait for it (to act while a start is on its way). */
  gate: Promise<void> | null = null;
  answer: (connection: FakeConnection, method: string, args: unknown[]) => unknown = () => undefined;

  connect = (url: string): HubLike => {
    const connection = new FakeConnection(this, url);
    this.connections.push(connection);
    return connection;
  };

  get open(): FakeConnection[] {
    return this.connections.filter((c) => c.state === "Connected");
  }
}

/** A hub connection as @microsoft/signalr's behaves where LiveConnection relies on it. */
export class FakeConnection implements HubLike {
  state: "Disconnected" | "Connecting" | "Connected" | "Disconnecting" | "Reconnecting" = "Disconnected";
  readonly invocations: { method: string; args: unknown[] }[] = [];
  private readonly handlers = new Map<string, Handler[]>();
  private readonly closed: Handler[] = [];
  private readonly reconnecting: Handler[] = [];
  private readonly reconnected: Handler[] = [];
  private readonly pending = new Set<(error: Error) => void>();

  constructor(private readonly server: FakeServer, readonly url: string) {}

  async start(): Promise<void> {
    this.state = "Connecting";
    await Promise.resolve();
    if (this.server.gate) await this.server.gate;
    if (this.server.refuse) {
      this.state = "Disconnected";
      throw new Error("WebSocket failed to connect: 503");
    }
    this.state = "Connected";
  }

  async stop(): Promise<void> {
    if (this.state === "Disconnected") return;
    this.close();
  }

  invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    this.invocations.push({ method, args });
    this.server.calls.push({ connection: this, method, args });
    if (this.state !== "Connected") return Promise.reject(new Error("Cannot send data if the connection is not in the 'Connected' State."));
    return new Promise<T>((resolve, reject) => {
      const fail = (error: Error) => reject(error);
      this.pending.add(fail);
      Promise.resolve(this.server.answer(this, method, args)).then(
        (value) => { this.pending.delete(fail); resolve(value as T); },
        (error) => { this.pending.delete(fail); reject(error); });
    });
  }

  async send(method: string, ...args: unknown[]): Promise<void> {
    this.invocations.push({ method, args });
  }

  on(event: string, handler: Handler): void {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
  }

  onclose(callback: Handler): void { this.closed.push(callback); }
  onreconnecting(callback: Handler): void { this.reconnecting.push(callback); }
  onreconnected(callback: Handler): void { this.reconnected.push(callback); }

  /** How many handlers are registered for an event (a doubled handler would show here). */
  handlerCount(event: string): number {
    return this.handlers.get(event)?.length ?? 0;
  }

  /** The server pushes an event. */
  emit(event: string, payload: unknown) {
    if (this.state !== "Connected") return;
    for (const handler of this.handlers.get(event) ?? []) handler(payload);
  }

  /** The transport dropped: pending calls fail, automatic reconnect begins. */
  drop() {
    this.failPending();
    this.state = "Reconnecting";
    for (const callback of this.reconnecting) callback(new Error("WebSocket closed with status code: 1006"));
  }

  /** Automatic reconnect succeeded. */
  reconnect() {
    this.state = "Connected";
    for (const callback of this.reconnected) callback("again");
  }

  /** Closed for good (stopped, or reconnecting gave up). */
  close() {
    this.failPending();
    this.state = "Disconnected";
    for (const callback of this.closed) callback();
  }

  private failPending() {
    for (const fail of this.pending) fail(new Error("Invocation canceled due to the underlying connection being closed."));
    this.pending.clear();
  }
}
