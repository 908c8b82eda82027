import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { VisitorConversations, type SeenStore } from "../src/widget/conversations";
import { OpenConversation } from "../src/widget/openConversation";
import { mergeView, newestSeen, statusText } from "../src/widget/conversationList";
import { checkLeaveMessage, leaveFailure } from "../src/widget/leaveRules";
import type { ChatMessage, ConversationPost, ConversationThread, ConversationView, LeaveMessageRequest } from "../src/shared/protocol";
import type { SeenConversations } from "../src/widget/storage";
import { ServerError } from "../src/shared/errors";
import { Deferred, FakeHub, noUploads, unavailable } from "./fakes";

const self = "v_1";
const time = (minute: number) => new Date(Date.UTC(2026, 11, 4, 10, minute)).toISOString();

function conversation(id: string, version: number, extra: Partial<ConversationView> = {}): ConversationView {
  return {
    conversationId: id, contactId: self, queueId: "support", channel: "web", subject: null, status: "open", snoozedUntil: null,
    assigneeId: null, labels: [], createdAt: time(0), lastActivityAt: time(version), preview: "Hello", sessionIds: [], liveSessionId: null,
    contactName: "Dana", contactEmail: "dana@example.com", awaitingReply: true, lastSeq: 1, version, apiChannelId: null, ...extra,
  };
}

function line(sessionId: string, seq: number, minute: number, from: "visitor" | "agent" | "system" = "agent", extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    sessionId, seq, kind: from === "system" ? "event" : "text", senderId: from === "visitor" ? self : from === "agent" ? "ana" : "system",
    senderRole: from, senderName: from, text: `${sessionId}#${seq}`, at: time(minute), clientMessageId: null, attachments: null, precededBy: null, ...extra,
  };
}

const thread = (view: ConversationView, messages: ChatMessage[], truncated = false): ConversationThread => ({ conversation: view, messages, truncated });
const post = (view: ConversationView, message: ChatMessage, duplicate = false): ConversationPost => ({ conversation: view, message, duplicate });

class MemoryStore implements SeenStore {
  constructor(public seen: SeenConversations = {}) {}
  load = () => ({ ...this.seen });
  save = (seen: SeenConversations) => void (this.seen = { ...seen });
}

function setup(store = new MemoryStore(), watching = true) {
  const hub = new FakeHub();
  const conversations = new VisitorConversations(hub, store, () => self, () => watching, noUploads);
  return { hub, conversations, store };
}

const texts = (messages: readonly ChatMessage[]) => messages.map((m) => m.text);
const ids = (list: ConversationView[] | null) => (list ?? []).map((c) => `${c.conversationId}@${c.version}`);

describe("the conversation list", () => {
  it("keeps the highest version of each conversation, newest activity first", () => {
    let list = mergeView([], conversation("c_a", 2));
    list = mergeView(list, conversation("c_b", 5));
    list = mergeView(list, conversation("c_a", 1)); // older, late
    expect(ids(list)).toEqual(["c_b@5", "c_a@2"]);
    list = mergeView(list, conversation("c_a", 9));
    expect(ids(list)).toEqual(["c_a@9", "c_b@5"]);
  });

  it("reads the list on every refresh, and an event that crossed GetConversations on the wire still wins", async () => {
    const { hub, conversations } = setup();
    const reply = new Deferred<ConversationView[]>();
    hub.handle("GetConversations", () => reply.promise);
    const refreshed = conversations.refresh();
    conversations.onConversation(conversation("c_a", 4)); // sent after the list was read
    reply.resolve([conversation("c_a", 3), conversation("c_b", 2)]);
    await refreshed;
    expect(ids(conversations.list.value)).toEqual(["c_a@4", "c_b@2"]);

    // After a reconnect: what the server lists now (events were not resumed), except a newer view already held.
    hub.handle("GetConversations", () => [conversation("c_c", 7), conversation("c_a", 3)]);
    await conversations.refresh();
    expect(ids(conversations.list.value)).toEqual(["c_c@7", "c_a@4"]);
  });

  it("says where a conversation stands in the visitor's words", () => {
    expect(statusText(conversation("c", 1))).toBe("Waiting for the team's reply");
    expect(statusText(conversation("c", 1, { awaitingReply: false }))).toBe("Open");
    expect(statusText(conversation("c", 1, { status: "snoozed", awaitingReply: false }))).toBe("Open");
    expect(statusText(conversation("c", 1, { status: "pending" }))).toBe("Waiting for your reply");
    expect(statusText(conversation("c", 1, { status: "resolved" }))).toBe("Resolved");
    expect(statusText(conversation("c", 1, { liveSessionId: "s_1" }))).toBe("Chat in progress");
  });
});

describe("an open conversation", () => {
  it("merges its own transcript and its live chats in the server's order, each message once", () => {
    const open = new OpenConversation("c_a", () => self, noUploads());
    open.setView(conversation("c_a", 3, { sessionIds: ["s_1"] }));
    open.load(thread(conversation("c_a", 3, { sessionIds: ["s_1"] }), [line("c_a", 1, 1, "visitor"), line("s_1", 1, 2, "visitor"), line("s_1", 2, 3)]));
    expect(open.add([line("c_a", 2, 4), line("s_1", 2, 3)]).map((m) => m.text)).toEqual(["c_a#2"]);
    open.load(thread(conversation("c_a", 2), [line("c_a", 1, 1, "visitor"), line("c_a", 2, 4)]));
    expect(texts(open.messages.value)).toEqual(["c_a#1", "s_1#1", "s_1#2", "c_a#2"]);
    expect(open.view.value?.version).toBe(3); // the older view in the second read is ignored
    expect(open.owns(line("s_1", 3, 5))).toBe(true);
    expect(open.owns(line("s_9", 1, 5))).toBe(false);
  });

  it("sends in the order written, retries a transient failure with the same id, and shows a refusal on the message", async () => {
    vi.useFakeTimers();
    try {
      const open = new OpenConversation("c_a", () => self, noUploads());
      const hub = new FakeHub();
      let failures = 1;
      const seen: string[] = [];
      hub.handle("SendConversationMessage", (id: string, clientMessageId: string, text: string) => {
        seen.push(`${clientMessageId}:${text}`);
        if (text === "first" && failures-- > 0) throw unavailable();
        if (text === "bad") throw new ServerError("too_large", "text is longer than 4000 characters.");
        const seq = open.messages.value.length + 1;
        return post(conversation(id, 10 + seq, { status: "open" }), line("c_a", seq, seq, "visitor", { text, clientMessageId }));
      });
      const first = open.send(hub, "first", "m-1");
      const second = open.send(hub, "second", "m-2");
      expect(open.pending.value.map((p) => p.state)).toEqual(["sending", "sending"]);
      await vi.runAllTimersAsync();
      await Promise.all([first, second]);
      expect(seen).toEqual(["m-1:first", "m-1:first", "m-2:second"]);
      expect(texts(open.messages.value)).toEqual(["first", "second"]);
      expect(open.pending.value).toEqual([]);

      await open.send(hub, "bad", "m-3");
      expect(open.pending.value).toMatchObject([{ clientMessageId: "m-3", state: "failed", error: "text is longer than 4000 characters." }]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("unread", () => {
  it("marks a conversation whose team wrote last after what the visitor saw, and clears it when seen", async () => {
    const { hub, conversations, store } = setup(new MemoryStore({ c_a: Date.parse(time(2)) }), false);
    const replied = conversation("c_a", 5, { awaitingReply: false, preview: "We ship in 3 days." });
    hub.handle("GetConversations", () => [replied, conversation("c_b", 3)]);
    hub.handle("GetConversation", (id: string) => {
      if (id !== "c_a") throw new Error("only c_a is in doubt: c_b awaits the team");
      return thread(replied, [line("c_a", 1, 1, "visitor"), line("c_a", 2, 5)]);
    });
    await conversations.refresh();
    expect([...conversations.unread.value]).toEqual(["c_a"]);
    expect(hub.count("GetConversation")).toBe(1);

    // Read once per change: the next reconnect does not read the thread again.
    await conversations.refresh();
    expect(hub.count("GetConversation")).toBe(1);

    // The visitor opens it (while watching): read, and stored for the next visit.
    const watched = new VisitorConversations(hub, store, () => self, () => true, noUploads);
    await watched.refresh();
    expect([...watched.unread.value]).toEqual(["c_a"]);
    watched.openConversation("c_a");
    await vi.waitFor(() => expect(watched.open.value?.loaded.value).toBe(true));
    expect([...watched.unread.value]).toEqual([]);
    expect(store.seen.c_a).toBe(Date.parse(time(5)));
  });

  it("is not made by a status line after a reply the visitor saw, nor by the visitor's own words", async () => {
    const { hub, conversations } = setup(new MemoryStore({ c_a: Date.parse(time(5)) }), false);
    const resolved = conversation("c_a", 8, { awaitingReply: false, status: "resolved", lastActivityAt: time(8) });
    hub.handle("GetConversations", () => [resolved]);
    hub.handle("GetConversation", () => thread(resolved, [line("c_a", 1, 1, "visitor"), line("c_a", 2, 5), line("c_a", 3, 8, "system")]));
    await conversations.refresh();
    expect(conversations.unread.value.size).toBe(0);
    expect(conversations.onMessage(line("c_a", 4, 9, "visitor"))).toBe(false);
    expect(conversations.unread.value.size).toBe(0);
  });

  it("comes live with the team's reply, once per message, for the launcher's count too", async () => {
    const { hub, conversations } = setup(new MemoryStore(), false);
    hub.handle("GetConversations", () => [conversation("c_a", 1)]);
    await conversations.refresh();
    expect(conversations.onMessage(line("c_a", 2, 3))).toBe(true);
    expect(conversations.onMessage(line("c_a", 2, 3))).toBe(false); // the same event again
    expect([...conversations.unread.value]).toEqual(["c_a"]);
  });

  it("takes another tab's reading when it is later", () => {
    expect(newestSeen({ a: 5, b: 9 }, { a: 7, b: 1, c: 2 })).toEqual({ a: 7, b: 9, c: 2 });
  });
});

describe("leaving a message", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function fill(conversations: VisitorConversations, name: string, email: string, text: string) {
    conversations.draft.name.value = name;
    conversations.draft.email.value = email;
    conversations.draft.text.value = text;
  }

  it("checks the form as the server does before sending anything", async () => {
    const { hub, conversations } = setup();
    fill(conversations, "Dana", "dana@example", "");
    expect(await conversations.leaveMessage("support")).toBeNull();
    expect(conversations.leaveProblem.value).toEqual({ field: "text", text: "Write your message." });
    fill(conversations, "Dana", "Dana <dana@example.com>", "Hi");
    await conversations.leaveMessage("support");
    expect(conversations.leaveProblem.value?.field).toBe("email");
    expect(hub.calls).toEqual([]);
    expect(checkLeaveMessage({ name: "x".repeat(101), email: "a@b.c", text: "hi" })?.field).toBe("name");
    expect(checkLeaveMessage({ name: "", email: "a@b.c", text: "x".repeat(4001) })?.field).toBe("text");
    expect(checkLeaveMessage({ name: "", email: " a@b.c ", text: "hi" })).toBeNull();
  });

  it("repeats a lost attempt with the same client message id, then opens the conversation with the form's text cleared", async () => {
    const { hub, conversations } = setup();
    const requests: LeaveMessageRequest[] = [];
    const view = conversation("c_new", 1);
    hub.handle("GetConversation", () => thread(view, [line("c_new", 1, 1, "visitor", { text: "Do you ship to Norway?" })]));
    fill(conversations, " Dana ", " dana@example.com ", "  Do you ship to Norway?  ");

    // The first attempt's retries run out: the words stay, and so does the id for the visitor's next try.
    hub.handle("LeaveMessage", (request: LeaveMessageRequest) => { requests.push(request); throw unavailable(); });
    const first = conversations.leaveMessage("support");
    await vi.runAllTimersAsync();
    expect(await first).toBeNull();
    expect(conversations.leaveProblem.value).toEqual({ field: null, text: "We couldn't send your message just now. It's still here: please try again in a moment." });
    expect(conversations.draft.text.value).toBe("  Do you ship to Norway?  ");

    // The visitor tries again; the connection drops under the attempt, and the retry reaches the server, which had
    // stored the first one after all.
    let lost = 1;
    hub.handle("LeaveMessage", (request: LeaveMessageRequest) => {
      requests.push(request);
      if (lost-- > 0) throw new ServerError("disconnected", "Not connected.");
      return post(view, line("c_new", 1, 1, "visitor", { text: request.text, clientMessageId: request.clientMessageId }), true);
    });
    const second = conversations.leaveMessage("support");
    await vi.runAllTimersAsync();
    const open = await second;
    expect(new Set(requests.map((r) => r.clientMessageId)).size).toBe(1);
    expect(requests.at(-1)).toEqual({ queueId: "support", name: "Dana", email: "dana@example.com", text: "Do you ship to Norway?", clientMessageId: requests[0].clientMessageId, form: null });
    expect(open?.conversationId).toBe("c_new");
    expect(conversations.open.value).toBe(open);
    expect(texts(open!.messages.value)).toEqual(["Do you ship to Norway?"]);
    expect(conversations.draft.text.value).toBe("");
    expect(conversations.draft.email.value).toBe(" dana@example.com ");
    expect(ids(conversations.list.value)).toEqual(["c_new@1"]);
    expect(conversations.leaveProblem.value).toBeNull();

    // The next message is a new one: a new id.
    fill(conversations, "", "dana@example.com", "And to Iceland?");
    hub.handle("LeaveMessage", (request: LeaveMessageRequest) => { requests.push(request); return post(view, line("c_new", 2, 2, "visitor", { text: request.text })); });
    await conversations.leaveMessage("support");
    expect(requests.at(-1)!.clientMessageId).not.toBe(requests[0].clientMessageId);
  });

  it("turns the server's refusals into words, and a refusal ends the attempt's id", async () => {
    expect(leaveFailure(new ServerError("invalid", "email is not a valid address (name@example.com)."))).toEqual({ field: "email", text: "Enter your email address as name@example.com." });
    expect(leaveFailure(new ServerError("too_large", "text is longer than 4000 characters."))).toEqual({ field: "text", text: "Please check what you wrote: text is longer than 4000 characters." });
    expect(leaveFailure(new ServerError("not_found", "Queue 'x' was not found."))).toEqual({ field: null, text: "We can't take messages for this team here. Please reach us another way." });
    expect(leaveFailure(unavailable()).field).toBeNull();

    const { hub, conversations } = setup();
    const used: string[] = [];
    hub.handle("LeaveMessage", (request: LeaveMessageRequest) => { used.push(request.clientMessageId!); throw new ServerError("not_found", "Queue 'x' was not found."); });
    fill(conversations, "", "dana@example.com", "Hello");
    await conversations.leaveMessage("x");
    await conversations.leaveMessage("x");
    expect(used).toHaveLength(2);
    expect(used[0]).not.toBe(used[1]);
    expect(conversations.draft.text.value).toBe("Hello");
  });
});
