import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Attachments } from "../src/shared/attachments/client";
import { InboxStore } from "../src/workspace/inboxStore";
import type { LiveConnection } from "../src/shared/live";
import type { ChatMessage, ConversationNote, ConversationThread, ConversationView, InboxCounts, LoginResponse } from "../src/shared/protocol";
import { Deferred } from "./fakes";

const login: LoginResponse = { agentId: "ana", role: "supervisor", name: "Ana", token: "t", expiresAt: "2099-01-01T00:00:00Z" };
const at = (minute: number) => `2026-12-04T10:${String(minute).padStart(2, "0")}:00Z`;

function conversation(id: string, extra: Partial<ConversationView> = {}): ConversationView {
  return {
    conversationId: id, contactId: "v_1", queueId: "support", channel: "web", subject: null, status: "open", snoozedUntil: null,
    assigneeId: null, labels: [], createdAt: at(0), lastActivityAt: at(0), preview: null, sessionIds: [], liveSessionId: null,
    contactName: null, contactEmail: null, awaitingReply: true, lastSeq: 1, version: 1, apiChannelId: null, ...extra,
  };
}

function message(seq: number, extra: Partial<ChatMessage> = {}): ChatMessage {
  return { sessionId: "c_1", seq, kind: "text", senderId: "v_1", senderRole: "visitor", senderName: "Dana", text: `m${seq}`, at: at(seq), clientMessageId: null, attachments: null, precededBy: null, ...extra };
}

/** The agent hub as the store uses it: events the test emits, WatchInbox answered with counts. */
class FakeConnection {
  readonly handlers = new Map<string, (payload: any) => void>();
  counts: InboxCounts = { counts: [], labels: [], version: 1 };
  on(event: string, handler: (payload: any) => void) { this.handlers.set(event, handler); }
  async invoke(method: string) {
    if (method === "WatchInbox") return this.counts;
    throw new Error(`no fake for ${method}`);
  }
  emit(event: string, payload: unknown) { this.handlers.get(event)!(payload); }
}

/** fetch answered by the test, per method and path (without the query), in order of the calls. */
class FakeServer {
  readonly calls: { method: string; url: string; body: any }[] = [];
  private readonly routes = new Map<string, (url: string, body: any) => Promise<Response> | Response>();
  route(method: string, path: string, answer: (url: string, body: any) => unknown, status = 200): this {
    this.routes.set(`${method} ${path}`, async (url, body) => {
      const value = await answer(url, body);
      return new Response(JSON.stringify(value), { status, headers: { "Content-Type": "application/json" } });
    });
    return this;
  }
  fetch = async (url: string, init: RequestInit) => {
    const method = init.method ?? "GET";
    const body = init.body ? JSON.parse(init.body as string) : undefined;
    this.calls.push({ method, url, body });
    const route = this.routes.get(`${method} ${url.split("?")[0]}`);
    if (!route) return new Response(JSON.stringify({ code: "not_found", detail: "no fake" }), { status: 404 });
    return route(url, body);
  };
  count(method: string, path: string) {
    return this.calls.filter((c) => c.method === method && c.url.split("?")[0] === path).length;
  }
}

function setUp() {
  const connection = new FakeConnection();
  const server = new FakeServer().route("GET", "/api/directory", () => ({ representatives: [], queues: [], version: 1 }));
  vi.stubGlobal("fetch", server.fetch);
  const store = new InboxStore(login, connection as unknown as LiveConnection, new Attachments("", () => login.token));
  return { connection, server, store };
}

const ids = (list: readonly ConversationView[]) => list.map((c) => c.conversationId);
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("InboxStore", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it("shows on top of a page the changes that came while it was read", async () => {
    const { connection, server, store } = setUp();
    const page = new Deferred<unknown>();
    server.route("GET", "/api/conversations", () => page.promise);
    const loaded = store.reload();
    connection.emit("conversation", conversation("c_new", { lastActivityAt: at(9) }));
    connection.emit("conversation", conversation("c_1", { assigneeId: "bo", version: 2 }));
    page.resolve({ conversations: [conversation("c_1", { lastActivityAt: at(5) }), conversation("c_2", { lastActivityAt: at(3) })], next: null });
    await loaded;
    expect(ids(store.list.value)).toEqual(["c_new", "c_2"]);

    // An older view coming late changes nothing; a newer one moves its row.
    connection.emit("conversation", conversation("c_1", { version: 1 }));
    connection.emit("conversation", conversation("c_2", { lastActivityAt: at(10), version: 2 }));
    expect(ids(store.list.value)).toEqual(["c_2", "c_new"]);
  });

  it("keeps the newest counts, from the watch and from events", async () => {
    const { connection, store } = setUp();
    connection.counts = { counts: [], labels: [], version: 5 };
    await store.resume();
    connection.emit("inboxCounts", { counts: [], labels: [], version: 4 });
    expect(store.counts.value?.version).toBe(5);
    connection.emit("inboxCounts", { counts: [], labels: [], version: 6 });
    expect(store.counts.value?.version).toBe(6);
  });

  it("shows a reply once: pending until its message comes, by event or answer", async () => {
    const { connection, server, store } = setUp();
    server.route("GET", "/api/conversations/c_1", (): ConversationThread => ({ conversation: conversation("c_1"), messages: [message(1)], truncated: false }));
    store.openConversation("c_1");
    await flush();
    expect(store.open.value?.messages.map((m) => m.seq)).toEqual([1]);

    const answer = new Deferred<unknown>();
    server.route("POST", "/api/conversations/c_1/messages", () => answer.promise);
    const sent = store.reply("Yes, within 3 days.", "cm-1");
    expect(store.pending.value.map((p) => p.state)).toEqual(["sending"]);
    const reply = message(2, { senderId: "ana", senderRole: "agent", senderName: "Ana", text: "Yes, within 3 days.", clientMessageId: "cm-1" });
    connection.emit("conversationMessage", reply);
    expect(store.pending.value).toEqual([]);
    answer.resolve({ message: reply, conversation: conversation("c_1", { assigneeId: "ana", lastSeq: 2, version: 2 }), duplicate: false });
    await sent;
    expect(store.open.value?.messages.map((m) => m.text)).toEqual(["m1", "Yes, within 3 days."]);
    expect(store.open.value?.conversation.assigneeId).toBe("ana");
    expect(server.calls.find((c) => c.method === "POST")?.body).toEqual({ text: "Yes, within 3 days.", clientMessageId: "cm-1" });
  });

  it("keeps a refused reply with the server's reason, to retry with the same id", async () => {
    const { server, store } = setUp();
    server.route("GET", "/api/conversations/c_1", (): ConversationThread => ({ conversation: conversation("c_1"), messages: [], truncated: false }));
    server.route("POST", "/api/conversations/c_1/messages", () => ({ code: "too_large", detail: "The text is too long." }), 400);
    store.openConversation("c_1");
    await store.reply("x", "cm-9");
    expect(store.pending.value).toEqual([{ clientMessageId: "cm-9", text: "x", state: "failed", error: "The text is too long." }]);
    expect(server.count("POST", "/api/conversations/c_1/messages")).toBe(1);
  });

  it("shows the open conversation's private notes once each, read, added and arriving live", async () => {
    const { connection, server, store } = setUp();
    const note = (text: string, minute: number, extra: Partial<ConversationNote> = {}): ConversationNote =>
      ({ conversationId: "c_1", authorId: "bo", authorName: "Bo", text, at: at(minute), ...extra });
    server.route("GET", "/api/conversations/c_1", (): ConversationThread => ({ conversation: conversation("c_1"), messages: [], truncated: false }));
    server.route("GET", "/api/conversations/c_1/notes", () => [note("first", 1)]);
    store.openConversation("c_1");
    await flush();
    expect(store.notes.value.map((n) => n.text)).toEqual(["first"]);

    // Another conversation's note is not this one's; a colleague's arrives live; our own comes by answer and event, shown once.
    connection.emit("conversationNote", note("elsewhere", 2, { conversationId: "c_2" }));
    connection.emit("conversationNote", note("from Bo", 3));
    const mine = note("mine", 4, { authorId: "ana", authorName: "Ana" });
    server.route("POST", "/api/conversations/c_1/notes", () => mine, 201);
    await store.addNote("mine");
    connection.emit("conversationNote", mine);
    expect(store.notes.value.map((n) => n.text)).toEqual(["first", "from Bo", "mine"]);
    expect(server.calls.find((c) => c.method === "POST")?.body).toEqual({ text: "mine" });

    store.closeConversation();
    expect(store.notes.value).toEqual([]);
  });

  it("says so when the notes cannot be read, and does not repeat a refused note", async () => {
    const { server, store } = setUp();
    server.route("GET", "/api/conversations/c_1", (): ConversationThread => ({ conversation: conversation("c_1"), messages: [], truncated: false }));
    server.route("GET", "/api/conversations/c_1/notes", () => ({ code: "forbidden", detail: "Only staff read notes." }), 403);
    server.route("POST", "/api/conversations/c_1/notes", () => ({ code: "too_large", detail: "A note is at most 4000 characters." }), 400);
    store.openConversation("c_1");
    await flush();
    expect(store.notesUnavailable.value).toBe(true);
    await expect(store.addNote("x")).rejects.toThrow();
    expect(server.count("POST", "/api/conversations/c_1/notes")).toBe(1);
  });

  describe("with fake timers", () => {
    beforeEach(() => vi.useFakeTimers());

    it("reads the thread again when the conversation has messages whose events never came", async () => {
      const { connection, server, store } = setUp();
      let thread: ConversationThread = { conversation: conversation("c_1"), messages: [message(1)], truncated: false };
      server.route("GET", "/api/conversations/c_1", () => thread);
      store.openConversation("c_1");
      await vi.advanceTimersByTimeAsync(0);

      // The status change's event message arrives with its conversation: nothing to read.
      connection.emit("conversation", conversation("c_1", { status: "resolved", lastSeq: 2, version: 2 }));
      connection.emit("conversationMessage", message(2, { kind: "event", senderRole: "system", text: "Ana resolved the conversation." }));
      await vi.advanceTimersByTimeAsync(5_000);
      expect(server.count("GET", "/api/conversations/c_1")).toBe(1);
      expect(store.open.value?.conversation.status).toBe("resolved");

      // The customer writes again; that message's event is lost: the thread is read again, once.
      thread = { conversation: conversation("c_1", { lastSeq: 4, version: 3 }), messages: [message(1), message(2), message(3), message(4)], truncated: false };
      connection.emit("conversation", conversation("c_1", { lastSeq: 4, version: 3 }));
      await vi.advanceTimersByTimeAsync(5_000);
      expect(server.count("GET", "/api/conversations/c_1")).toBe(2);
      expect(store.open.value?.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
      expect(store.open.value?.conversation.status).toBe("open");
    });
  });
});
