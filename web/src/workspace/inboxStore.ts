import { computed, signal } from "@preact/signals";
import type { LiveConnection } from "../shared/live";
import { AgentMethods as M } from "../shared/methods";
import { requestBlob, requestJson } from "../shared/http";
import { describe } from "../shared/errors";
import { newClientMessageId } from "../shared/ids";
import { withRetries } from "../shared/retry";
import { Events } from "../shared/protocol";
import type { Attachments } from "../shared/attachments/client";
import type { PendingFiles } from "../shared/attachments/pending";
import type {
  AttachmentView, ChatMessage, ConversationNote, ConversationPage, ConversationPost, ConversationStatus, ConversationThread, ConversationView, DirectoryEntry,
  DirectorySnapshot, InboxCounts, LoginResponse, SearchHit,
} from "../shared/protocol";
import { Latest, appendPage, listQuery, matches, mergeMessages, newerCounts, ownLastSeq, place, type InboxFilter, type Scope } from "./inboxState";

export interface OpenConversation { conversation: ConversationView; messages: ChatMessage[]; truncated: boolean }
export interface PendingReply { clientMessageId: string; text: string; attachments?: AttachmentView[]; state: "sending" | "failed"; error?: string }
export interface SearchFilters { status: ConversationStatus | ""; queue: string; label: string; channel: string; from: string; to: string }
export interface SearchState { q: string; filters: SearchFilters; state: "loading" | "ready" | "error"; hits: SearchHit[]; error?: string }
export interface ContactList { state: "loading" | "ready" | "error"; conversations: ConversationView[] }
type Load = "loading" | "ready" | "error";

export const noSearchFilters: SearchFilters = { status: "", queue: "", label: "", channel: "", from: "", to: "" };

/** How long a thread may lag behind its conversation's lastSeq before it is read again (its message event may be on its way). */
const threadCatchUpMs = 800;

/**
 * The shared inbox (docs/protocol.md, Conversations): live counts and `conversation` / `conversationMessage` events
 * over the agent hub (WatchInbox, again after every reconnect), lists, threads, actions and search over REST. Every
 * view of a conversation goes through `Latest`, so a list, the open thread and a contact's history show the newest
 * one whatever order replies and events come in.
 */
export class InboxStore {
  readonly counts = signal<InboxCounts | null>(null);
  readonly directory = signal<DirectorySnapshot | null>(null);
  readonly filter = signal<InboxFilter>({ view: "unassigned", facet: null, status: "open" });
  readonly list = signal<ConversationView[]>([]);
  /** The next page's `before`; null when the list is whole. */
  readonly next = signal<string | null>(null);
  readonly listState = signal<Load>("loading");
  readonly listError = signal<string | null>(null);
  readonly openId = signal<string | null>(null);
  readonly open = signal<OpenConversation | null>(null);
  readonly openState = signal<Load>("loading");
  readonly pending = signal<PendingReply[]>([]);
  /** The open conversation's private notes, oldest first (staff only; live by `conversationNote`). */
  readonly notes = signal<ConversationNote[]>([]);
  /** True when the notes could not be read (an older server, or a failure): the panel says so. */
  readonly notesUnavailable = signal(false);
  /** The files for the next reply into the open conversation (uploaded into it). */
  readonly files = signal<PendingFiles | null>(null);
  readonly search = signal<SearchState | null>(null);
  readonly contacts = signal<ReadonlyMap<string, ContactList>>(new Map());

  /** Whose rows the counts sum: supervisors and admins see every queue; an agent their own (from the directory). */
  readonly scope = computed<Scope | null>(() => {
    if (this.login.role !== "agent") return { selfId: this.login.agentId, queues: null };
    const directory = this.directory.value;
    if (!directory) return null;
    return { selfId: this.login.agentId, queues: new Set(this.self()?.queues ?? []) };
  });

  /** The queues the inbox's views offer: every queue for supervisors and admins, an agent's own. */
  readonly queues = computed(() => {
    const all = this.directory.value?.queues ?? [];
    const scope = this.scope.value;
    return all.filter((q) => !scope || scope.queues === null || scope.queues.has(q.queueId)).map((q) => ({ queueId: q.queueId, name: q.name }));
  });

  private readonly latest = new Latest();
  /** Conversations changed while a list's first page was on its way: placed again on top of that page. */
  private touched: Set<string> | null = null;
  private listRequest = 0;
  private openRequest = 0;
  private notesRequest = 0;
  private searchRequest = 0;
  private catchUp: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly login: LoginResponse, private readonly connection: LiveConnection, private readonly attachments: Attachments) {
    connection.on<InboxCounts>(Events.inboxCounts, (c) => (this.counts.value = newerCounts(this.counts.value, c)));
    connection.on<ConversationView>(Events.conversation, (c) => this.apply(c));
    connection.on<ChatMessage>(Events.conversationMessage, (m) => this.onMessage(m));
    connection.on<ConversationNote>(Events.conversationNote, (n) => this.addNotes(n.conversationId, [n]));
  }

  get selfId(): string {
    return this.login.agentId;
  }

  /** After every (re)connect: watch again (the events are not resumed), then read again what is shown. */
  async resume() {
    void this.loadDirectory();
    try {
      const counts = await withRetries(() => this.connection.invoke<InboxCounts>(M.watchInbox));
      this.counts.value = newerCounts(this.counts.value, counts);
    } catch {
      // The counts stay as they were; the lists below still work over REST.
    }
    void this.reload();
    const openId = this.openId.value;
    if (openId) {
      void this.loadThread(openId);
      void this.loadNotes(openId);
    }
    for (const contactId of this.contacts.value.keys()) void this.loadContact(contactId);
  }

  // ---- lists ----

  choose(filter: InboxFilter) {
    this.filter.value = filter;
    this.search.value = null;
    void this.reload();
  }

  /** The list's first page, again. */
  async reload() {
    const request = ++this.listRequest;
    const filter = this.filter.value;
    this.listState.value = "loading";
    this.listError.value = null;
    this.touched = new Set();
    try {
      const page = await this.get<ConversationPage>(`/api/conversations?${listQuery(filter, null)}`);
      if (request !== this.listRequest) return;
      let list = this.fresh(page.conversations, filter);
      const complete = page.next === null;
      for (const id of this.touched) {
        const view = this.latest.get(id);
        if (view) list = place(list, view, matches(view, filter, this.selfId), complete);
      }
      this.list.value = list;
      this.next.value = page.next;
      this.listState.value = "ready";
    } catch (error) {
      if (request !== this.listRequest) return;
      this.listError.value = describe(error);
      this.listState.value = "error";
    } finally {
      if (request === this.listRequest) this.touched = null;
    }
  }

  async loadMore() {
    const before = this.next.value;
    if (!before || this.listState.value === "loading") return;
    const request = this.listRequest;
    const filter = this.filter.value;
    try {
      const page = await this.get<ConversationPage>(`/api/conversations?${listQuery(filter, before)}`);
      if (request !== this.listRequest) return;
      this.list.value = appendPage(this.list.value, this.fresh(page.conversations, filter));
      this.next.value = page.next;
    } catch (error) {
      if (request === this.listRequest) this.listError.value = describe(error);
    }
  }

  /** A page's rows as they are now: a row changed since the page was read shows its change, or leaves. */
  private fresh(rows: readonly ConversationView[], filter: InboxFilter): ConversationView[] {
    return rows.map((c) => this.latest.take(c).view).filter((c) => matches(c, filter, this.selfId));
  }

  // ---- a conversation ----

  openConversation(conversationId: string) {
    if (this.openId.value === conversationId) return;
    this.stopCatchUp();
    this.openId.value = conversationId;
    this.open.value = null;
    this.pending.value = [];
    this.notes.value = [];
    this.notesUnavailable.value = false;
    this.setFiles(this.attachments.pending(conversationId));
    void this.loadThread(conversationId);
    void this.loadNotes(conversationId);
  }

  closeConversation() {
    this.stopCatchUp();
    this.openId.value = null;
    this.open.value = null;
    this.pending.value = [];
    this.notes.value = [];
    this.setFiles(null);
  }

  private setFiles(files: PendingFiles | null) {
    this.files.value?.dispose();
    this.files.value = files;
  }

  /** Reads the thread; messages already held stay (the read merges). */
  async loadThread(conversationId: string) {
    const request = ++this.openRequest;
    if (!this.open.value) this.openState.value = "loading";
    try {
      const thread = await this.get<ConversationThread>(`/api/conversations/${encodeURIComponent(conversationId)}`);
      if (request !== this.openRequest || this.openId.value !== conversationId) return;
      const held = this.open.value?.conversation.conversationId === conversationId ? this.open.value.messages : [];
      this.open.value = { conversation: this.latest.take(thread.conversation).view, messages: mergeMessages(held, thread.messages), truncated: thread.truncated };
      this.dropDelivered(thread.messages);
      this.openState.value = "ready";
    } catch {
      if (request === this.openRequest && this.openId.value === conversationId && !this.open.value) this.openState.value = "error";
    }
  }

  /** Reads the open conversation's notes; notes already held stay (an event may have brought one first). */
  async loadNotes(conversationId: string) {
    const request = ++this.notesRequest;
    try {
      const notes = await this.get<ConversationNote[]>(`${this.path(conversationId)}/notes`);
      if (request !== this.notesRequest || this.openId.value !== conversationId) return;
      this.notesUnavailable.value = false;
      this.addNotes(conversationId, notes);
    } catch {
      if (request === this.notesRequest && this.openId.value === conversationId) this.notesUnavailable.value = true;
    }
  }

  /** A private note on the open conversation. Not retried: a note has no client id, and a repeat would store it twice. */
  async addNote(text: string) {
    const conversationId = this.openId.value;
    if (!conversationId) return;
    this.addNotes(conversationId, [await this.request<ConversationNote>("POST", `${this.path(conversationId)}/notes`, { text })]);
  }

  /** Notes of the open conversation, from a read, an answer or an event: each once, oldest first. */
  private addNotes(conversationId: string, notes: readonly ConversationNote[]) {
    if (this.openId.value !== conversationId) return;
    const held = this.notes.value;
    const fresh = notes.filter((n) => !held.some((h) => h.at === n.at && h.authorId === n.authorId && h.text === n.text));
    if (fresh.length) this.notes.value = [...held, ...fresh].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }

  /**
   * A reply into the open conversation, with files uploaded into it (`attachments`: their ids; the text may then be
   * empty); safe to repeat with the same client message id (stored once).
   */
  async reply(text: string, clientMessageId = newClientMessageId(), attachments: AttachmentView[] = []) {
    const conversationId = this.openId.value;
    if (!conversationId) return;
    const sending: PendingReply = { clientMessageId, text, ...(attachments.length ? { attachments } : {}), state: "sending" };
    this.pending.value = [...this.pending.value.filter((p) => p.clientMessageId !== clientMessageId), sending];
    const body = attachments.length ? { text, clientMessageId, attachments: attachments.map((a) => a.attachmentId) } : { text, clientMessageId };
    try {
      const post = await withRetries(() => this.request<ConversationPost>("POST", `${this.path(conversationId)}/messages`, body));
      this.addMessages(conversationId, [post.message]);
      this.apply(post.conversation);
    } catch (error) {
      this.pending.value = this.pending.value.map((p) => p.clientMessageId === clientMessageId ? { ...p, state: "failed", error: describe(error) } : p);
    }
  }

  // Status, assignee and labels set a value: the same request again ends in the same state, so it is retried.
  setStatus(conversationId: string, status: ConversationStatus, snoozedUntil: Date | null = null) {
    return this.change(conversationId, "POST", "status", { status, snoozedUntil: snoozedUntil?.toISOString() ?? null });
  }

  assign(conversationId: string, agentId: string | null) {
    return this.change(conversationId, "POST", "assignee", { agentId });
  }

  setLabels(conversationId: string, labels: string[]) {
    return this.change(conversationId, "PUT", "labels", { labels });
  }

  /** Downloads the whole conversation: JSON (every message) or the readable document. */
  async exportConversation(conversationId: string, format: "json" | "text") {
    const blob = await requestBlob("", `${this.path(conversationId)}/export?format=${format}`, this.login.token);
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = `conversation-${conversationId}.${format === "json" ? "json" : "txt"}`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  private async change(conversationId: string, method: string, what: string, body: unknown) {
    this.apply(await withRetries(() => this.request<ConversationView>(method, `${this.path(conversationId)}/${what}`, body)));
  }

  // ---- search ----

  async runSearch(q: string, filters: SearchFilters) {
    const request = ++this.searchRequest;
    this.search.value = { q, filters, state: "loading", hits: this.search.value?.hits ?? [] };
    const params = new URLSearchParams({ q });
    if (filters.status) params.set("status", filters.status);
    if (filters.queue) params.set("queue", filters.queue);
    if (filters.label) params.set("label", filters.label);
    if (filters.channel) params.set("channel", filters.channel);
    if (filters.from) params.set("from", startOfDay(filters.from, 0));
    if (filters.to) params.set("to", startOfDay(filters.to, 1));
    try {
      const hits = await this.get<SearchHit[]>(`/api/search?${params}`);
      if (request !== this.searchRequest) return;
      for (const hit of hits) this.latest.take(hit.conversation);
      this.search.value = { q, filters, state: "ready", hits };
    } catch (error) {
      if (request === this.searchRequest) this.search.value = { q, filters, state: "error", hits: [], error: describe(error) };
    }
  }

  clearSearch() {
    ++this.searchRequest;
    this.search.value = null;
  }

  /** The newest view known of a conversation (a search hit's may be older). */
  current(c: ConversationView): ConversationView {
    return this.latest.get(c.conversationId) ?? c;
  }

  // ---- the contact's conversations (the context panel) ----

  /** Every conversation of the contact, across channels and queues the caller may see; read once, then kept live. */
  watchContact(contactId: string) {
    if (!this.contacts.value.has(contactId)) void this.loadContact(contactId);
  }

  private async loadContact(contactId: string) {
    if (!this.contacts.value.has(contactId)) this.setContact(contactId, { state: "loading", conversations: [] });
    try {
      const page = await this.get<ConversationPage>(`/api/conversations?contact=${encodeURIComponent(contactId)}&limit=50`);
      this.setContact(contactId, { state: "ready", conversations: page.conversations.map((c) => this.latest.take(c).view) });
    } catch {
      if (this.contacts.value.get(contactId)?.state !== "ready") this.setContact(contactId, { state: "error", conversations: [] });
    }
  }

  private setContact(contactId: string, list: ContactList) {
    this.contacts.value = new Map(this.contacts.value).set(contactId, list);
  }

  // ---- people and queues ----

  agentName(agentId: string | null): string {
    if (!agentId) return "Unassigned";
    if (agentId === this.login.agentId) return `${this.login.name} (you)`;
    return this.directory.value?.representatives.find((r) => r.agentId === agentId)?.displayName ?? agentId;
  }

  queueName(queueId: string): string {
    return this.directory.value?.queues.find((q) => q.queueId === queueId)?.name ?? queueId;
  }

  /** Other agents who may be assigned a conversation of the queue (those who serve it). */
  colleagues(queueId: string): DirectoryEntry[] {
    return (this.directory.value?.representatives ?? []).filter((r) => r.agentId !== this.login.agentId && r.queues.includes(queueId));
  }

  private self(): DirectoryEntry | undefined {
    return this.directory.value?.representatives.find((r) => r.agentId === this.login.agentId);
  }

  /** Reads the team directory again (colleagues' presence changes; the transfer dialog asks when it opens). */
  async loadDirectory() {
    try {
      this.directory.value = await this.get<DirectorySnapshot>("/api/directory");
    } catch {
      // Queue names and colleagues stay unknown: ids are shown, and assignment offers the agent themself.
    }
  }

  // ---- live ----

  /** A view of a conversation from an event or a reply: kept when newer, and moved in every list that shows it. */
  private apply(c: ConversationView) {
    const { view, news } = this.latest.take(c);
    if (!news) return;
    this.touched?.add(view.conversationId);
    this.list.value = place(this.list.value, view, matches(view, this.filter.value, this.selfId), this.next.value === null);
    const contact = this.contacts.value.get(view.contactId);
    if (contact?.state === "ready") this.setContact(view.contactId, { ...contact, conversations: place(contact.conversations, view, true, true) });
    const open = this.open.value;
    if (open && open.conversation.conversationId === view.conversationId) {
      const newEpisode = view.sessionIds.length !== open.conversation.sessionIds.length || view.liveSessionId !== open.conversation.liveSessionId;
      this.open.value = { ...open, conversation: view };
      if (newEpisode) void this.loadThread(view.conversationId);
      else if (view.lastSeq > ownLastSeq(open.messages, view.conversationId)) this.scheduleCatchUp(view.conversationId);
    }
  }

  private onMessage(message: ChatMessage) {
    this.addMessages(message.sessionId, [message]);
  }

  private addMessages(conversationId: string, messages: ChatMessage[]) {
    const open = this.open.value;
    if (!open || open.conversation.conversationId !== conversationId) return;
    this.open.value = { ...open, messages: mergeMessages(open.messages, messages) };
    this.dropDelivered(messages);
  }

  /** Pending replies whose message is in the thread now (its event may come before the POST's answer). */
  private dropDelivered(messages: readonly ChatMessage[]) {
    const delivered = new Set(messages.map((m) => m.clientMessageId).filter(Boolean));
    if (this.pending.value.some((p) => delivered.has(p.clientMessageId))) {
      this.pending.value = this.pending.value.filter((p) => !delivered.has(p.clientMessageId));
    }
  }

  /** The conversation has messages the thread lacks: their events may be on the way; if not, read the thread again. */
  private scheduleCatchUp(conversationId: string) {
    if (this.catchUp !== undefined) return;
    this.catchUp = setTimeout(() => {
      this.catchUp = undefined;
      const open = this.open.value;
      if (open && open.conversation.conversationId === conversationId && open.conversation.lastSeq > ownLastSeq(open.messages, conversationId)) {
        void this.loadThread(conversationId);
      }
    }, threadCatchUpMs);
  }

  private stopCatchUp() {
    clearTimeout(this.catchUp);
    this.catchUp = undefined;
  }

  // ---- REST ----

  private path(conversationId: string): string {
    return `/api/conversations/${encodeURIComponent(conversationId)}`;
  }

  /** Reads are safe to repeat: retried while the failure is transient. */
  private get<T>(path: string): Promise<T> {
    return withRetries(() => requestJson<T>("", "GET", path, this.login.token));
  }

  private request<T>(method: string, path: string, body: unknown): Promise<T> {
    return requestJson<T>("", method, path, this.login.token, body);
  }
}

/** A date input's day (yyyy-mm-dd) as the ISO time its local day starts, `plusDays` later. */
function startOfDay(day: string, plusDays: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString();
}
