import { computed, signal } from "@preact/signals";
import type { Hub } from "../shared/live";
import type { PendingFiles } from "../shared/attachments/pending";
import type { AttachmentView, ChatMessage, ConversationPost, ConversationThread, ConversationView, LeaveMessageRequest } from "../shared/protocol";
import { hubError, isMissingMethod, isTransient } from "../shared/errors";
import { newClientMessageId } from "../shared/ids";
import { withRetries } from "../shared/retry";
import { VisitorMethods as M } from "../shared/methods";
import type { SeenConversations } from "./storage";
import { formAnswers } from "./prechat";
import { activity, at, byActivity, fromTeam, mergeView, newestSeen } from "./conversationList";
import { checkLeaveMessage, leaveFailure, type LeaveForm, type LeaveProblem } from "./leaveRules";
import { OpenConversation, sendConnectWaitMs } from "./openConversation";

/** After a reconnect, the threads read to learn whether the team wrote last (a reply may have come meanwhile). */
const unreadChecks = 5;
/** Conversations whose reading is remembered; GetConversations lists at most 20. */
const seenKept = 50;

/** Where what the visitor has read is kept (localStorage, shared by the visitor's tabs; a plain object in tests). */
export interface SeenStore {
  load(): SeenConversations;
  save(seen: SeenConversations): void;
}

/**
 * The visitor's lasting conversations (docs/protocol.md, Conversations), as the widget shows them: the list (newest
 * activity first, the highest version of each), the one open, leaving a message when nobody can answer, and which
 * ones are unread — the team wrote last, after the newest message the visitor has seen (kept in storage, so it
 * holds across visits and tabs). The `conversation` and `conversationMessage` events keep it live; they are not
 * resumed, so every (re)connect reads the list and the open thread again (`refresh`).
 */
export class VisitorConversations {
  /** Null until read (and when the server has no conversations). */
  readonly list = signal<ConversationView[] | null>(null);
  readonly open = signal<OpenConversation | null>(null);
  readonly seen = signal<SeenConversations>({});
  /** What the visitor is writing in the leave-a-message form: kept while the widget closes and reopens, and on failure. */
  readonly draft = { name: signal(""), email: signal(""), text: signal("") };
  readonly leaving = signal(false);
  readonly leaveProblem = signal<LeaveProblem | null>(null);
  /** Per conversation, the newest words known: whether the team wrote them, and when. */
  private readonly lastWords = signal<Record<string, { team: boolean; at: number }>>({});
  readonly unread = computed(() => {
    const seen = this.seen.value;
    const words = this.lastWords.value;
    return new Set((this.list.value ?? []).map((c) => c.conversationId).filter((id) => words[id]?.team && words[id].at > (seen[id] ?? 0)));
  });
  /** Per conversation, the activity time up to which its messages are known (no need to read its thread for that). */
  private readonly knownUpTo = new Map<string, number>();
  /** Per transcript, the highest seq heard: a repeated event is not news. */
  private readonly heard = new Map<string, number>();
  /** The LeaveMessage on its way, or failed in a way that a repeat may cure: its retry reuses the client message id. */
  private leaveAttempt: { clientMessageId: string } | null = null;
  /** Views that came by event while GetConversations was on its way. */
  private during: ConversationView[] | null = null;

  constructor(
    private readonly hub: Hub,
    private readonly store: SeenStore,
    private readonly selfId: () => string,
    /** Whether the visitor can see the widget now (open, page in front): what is open counts as read then. */
    private readonly watching: () => boolean,
    /** The files for the next message into a conversation (uploaded into it). */
    private readonly files: (conversationId: string) => PendingFiles,
  ) {
    this.seen.value = store.load();
  }

  // ---- reading ----

  /** After every (re)connect: the list, the open thread, and the threads that may hold an unread reply. */
  async refresh(): Promise<void> {
    const during: ConversationView[] = [];
    this.during = during;
    try {
      const views = await withRetries(() => this.hub.invoke<ConversationView[]>(M.getConversations));
      const known = new Map((this.list.value ?? []).map((c) => [c.conversationId, c]));
      let list = views.map((v) => (known.get(v.conversationId)?.version ?? -1) > v.version ? known.get(v.conversationId)! : v).sort(byActivity);
      for (const v of during) list = mergeView(list, v);
      this.list.value = list;
    } catch (error) {
      if (isMissingMethod(error)) return; // a server without conversations: the widget does without
      throw error;
    } finally {
      if (this.during === during) this.during = null;
    }
    const open = this.open.value;
    await Promise.all([open ? this.load(open) : null, this.checkUnread()]);
    this.keepSeen();
  }

  /** Opens one conversation of the list: at once with what is known, then its whole thread. */
  openConversation(conversationId: string): OpenConversation {
    const open = this.show(conversationId);
    void this.load(open).catch(() => {
      // The connection is down: its resume step reads the thread again.
    });
    return open;
  }

  /** Back to the list. */
  close() {
    this.open.value?.dispose();
    this.open.value = null;
  }

  /** What is open is read now (the widget was opened, the page came to the front, a message arrived). */
  seeOpen() {
    const open = this.open.value;
    if (!open || !this.watching()) return;
    const newest = open.messages.value.reduce((max, m) => Math.max(max, at(m)), 0);
    this.see(open.conversationId, newest);
  }

  /** The visitor read a live chat up to `atIso`: the conversation it belongs to is read up to there too. */
  seeSession(sessionId: string, atIso: string) {
    const conversation = this.list.value?.find((c) => c.sessionIds.includes(sessionId));
    if (conversation) this.see(conversation.conversationId, Date.parse(atIso));
  }

  /** Another tab read a conversation. */
  seenElsewhere(seen: SeenConversations) {
    this.seen.value = newestSeen(this.seen.value, seen);
  }

  // ---- live events ----

  onConversation(view: ConversationView) {
    this.during?.push(view);
    this.list.value = mergeView(this.list.value ?? [], view);
    this.open.value?.setView(view);
  }

  /** A message of one of the visitor's conversations. True when it is new words from the team (for the launcher's count). */
  onMessage(message: ChatMessage): boolean {
    const isNew = message.seq > (this.heard.get(message.sessionId) ?? 0);
    const open = this.open.value;
    if (open?.owns(message)) open.add([message]);
    const conversationId = message.sessionId === open?.conversationId ? message.sessionId : this.conversationOf(message.sessionId);
    if (conversationId) this.learn(conversationId, [message]);
    this.seeOpen();
    return isNew && fromTeam(message);
  }

  // ---- writing ----

  /**
   * LeaveMessage with the form's draft, checked first as the server checks it. The client message id is kept
   * until the server answers or refuses, so a retry after a lost answer (the connection dropped) is the same
   * message, stored once. On success the conversation opens; on failure everything typed stays.
   */
  async leaveMessage(queueId: string, preChat?: LeaveForm): Promise<OpenConversation | null> {
    if (this.leaving.value) return null;
    const draft = { name: this.draft.name.value, email: this.draft.email.value, text: this.draft.text.value };
    const problem = checkLeaveMessage(draft, preChat);
    this.leaveProblem.value = problem;
    if (problem) return null;
    const text = draft.text.trim();
    const attempt = (this.leaveAttempt ??= { clientMessageId: newClientMessageId() });
    const form = preChat ? formAnswers(preChat.form, { ...draft, fields: preChat.fields, consent: preChat.consent }, false) : null;
    const request: LeaveMessageRequest = { queueId, name: draft.name.trim() || null, email: draft.email.trim(), text, clientMessageId: attempt.clientMessageId, form };
    this.leaving.value = true;
    try {
      const post = await withRetries(() => this.hub.invokeWithin<ConversationPost>(sendConnectWaitMs, M.leaveMessage, request));
      this.leaveAttempt = null;
      this.draft.text.value = ""; // the name and address stay for the next message
      const open = this.show(post.conversation.conversationId);
      this.onConversation(post.conversation);
      open.add([post.message]);
      this.learn(open.conversationId, [post.message]);
      this.seeOpen();
      // A retry whose first attempt had been stored after all, with the words changed since: those go in too.
      if (post.duplicate && post.message.text !== text) void this.send(text);
      void this.load(open).catch(() => {});
      return open;
    } catch (error) {
      if (!isTransient(error)) this.leaveAttempt = null;
      this.leaveProblem.value = leaveFailure(error);
      return null;
    } finally {
      this.leaving.value = false;
    }
  }

  /** Writes into the open conversation, with files uploaded into it (again, with the same id, from a failed message's Retry). */
  async send(text: string, clientMessageId?: string, attachments?: AttachmentView[]): Promise<void> {
    const open = this.open.value;
    if (!open) return;
    const post = await open.send(this.hub, text, clientMessageId, attachments);
    if (!post) return;
    this.onConversation(post.conversation);
    this.learn(open.conversationId, [post.message]);
    this.seeOpen();
  }

  // ---- inside ----

  private show(conversationId: string): OpenConversation {
    const current = this.open.value;
    if (current?.conversationId === conversationId) return current;
    current?.dispose();
    const open = new OpenConversation(conversationId, this.selfId, this.files(conversationId));
    const known = this.list.value?.find((c) => c.conversationId === conversationId);
    if (known) open.setView(known);
    this.open.value = open;
    return open;
  }

  /** GetConversation into the open conversation; one that is not the visitor's (any more) closes. */
  private async load(open: OpenConversation): Promise<void> {
    try {
      const thread = await withRetries(() => this.hub.invoke<ConversationThread>(M.getConversation, open.conversationId));
      open.load(thread);
      this.onConversation(thread.conversation);
      this.learn(open.conversationId, thread.messages, activity(thread.conversation));
      this.seeOpen();
    } catch (error) {
      if (hubError(error).code !== "not_found") throw error;
      if (this.open.value === open) this.close();
      this.list.value = (this.list.value ?? []).filter((c) => c.conversationId !== open.conversationId);
    }
  }

  /**
   * The list says who was active, not who wrote: for a conversation active since the visitor last saw it, whose
   * customer is not the last to have written (awaitingReply), the thread says whether the team wrote last. Only
   * those are read, and once per change.
   */
  private async checkUnread(): Promise<void> {
    const seen = this.seen.value;
    const open = this.open.value?.conversationId;
    const doubtful = (this.list.value ?? []).filter((c) => c.conversationId !== open && !c.awaitingReply && c.preview !== null
      && activity(c) > (seen[c.conversationId] ?? 0) && activity(c) > (this.knownUpTo.get(c.conversationId) ?? 0));
    await Promise.all(doubtful.slice(0, unreadChecks).map(async (c) => {
      try {
        const thread = await this.hub.invoke<ConversationThread>(M.getConversation, c.conversationId);
        this.learn(c.conversationId, thread.messages, activity(thread.conversation));
      } catch {
        // Left unmarked; the next reconnect asks again.
      }
    }));
  }

  /** Takes note of a conversation's messages: the newest words and who wrote them, and how far it is known. */
  private learn(conversationId: string, messages: readonly ChatMessage[], upTo = 0) {
    let known = Math.max(this.knownUpTo.get(conversationId) ?? 0, upTo);
    let words = this.lastWords.value[conversationId];
    for (const m of messages) {
      known = Math.max(known, at(m));
      this.heard.set(m.sessionId, Math.max(this.heard.get(m.sessionId) ?? 0, m.seq));
      if (m.kind === "text" && (!words || at(m) >= words.at)) words = { team: fromTeam(m), at: at(m) };
    }
    this.knownUpTo.set(conversationId, known);
    if (words && words !== this.lastWords.value[conversationId]) this.lastWords.value = { ...this.lastWords.value, [conversationId]: words };
  }

  private see(conversationId: string, atMs: number) {
    if (!atMs || (this.seen.value[conversationId] ?? 0) >= atMs) return;
    this.seen.value = { ...this.seen.value, [conversationId]: atMs };
    this.keepSeen();
  }

  /** Stores what was read: for the conversations listed (and the open one), at most `seenKept`. */
  private keepSeen() {
    const listed = new Set((this.list.value ?? []).map((c) => c.conversationId));
    const open = this.open.value?.conversationId;
    const kept = Object.entries(newestSeen(this.store.load(), this.seen.value))
      .filter(([id]) => this.list.value === null || listed.has(id) || id === open)
      .sort((a, b) => b[1] - a[1])
      .slice(0, seenKept);
    this.seen.value = Object.fromEntries(kept);
    this.store.save(this.seen.value);
  }

  private conversationOf(sessionId: string): string | null {
    if (this.list.value?.some((c) => c.conversationId === sessionId)) return sessionId;
    return this.list.value?.find((c) => c.sessionIds.includes(sessionId))?.conversationId ?? sessionId;
  }
}
