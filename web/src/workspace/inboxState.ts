// The shared inbox's client rules as plain functions (docs/protocol.md, Conversations): which conversations a view
// lists, how a live `conversation` event moves a row, the views' counts summed from InboxCounts rows, a thread's
// messages merged from several transcripts, labels checked as the server checks them, search snippets.
import type { ChatMessage, ConversationStatus, ConversationView, InboxCounts } from "../shared/protocol";
import { limits } from "../shared/limits";

export type InboxViewName = "all" | "mine" | "unassigned";
export type FacetKind = "queue" | "channel" | "label";

/** What a list shows: a view, optionally narrowed to one queue, channel or label, in one status. */
export interface InboxFilter {
  view: InboxViewName;
  facet: { kind: FacetKind; value: string } | null;
  status: ConversationStatus;
}

export const statuses: readonly ConversationStatus[] = ["open", "pending", "snoozed", "resolved"];
export const channels: readonly string[] = ["web", "email", "api"];

/**
 * Whose conversations the workspace counts: its own (assigned to `selfId`, in any queue) and those of the queues it
 * serves; `queues: null` for supervisors and admins, who see every queue.
 */
export interface Scope { selfId: string; queues: ReadonlySet<string> | null }

/** The query string of a list's page (`before`: the previous page's `next`). */
export function listQuery(filter: InboxFilter, before: string | null, limit = 50): string {
  const params = new URLSearchParams({ view: filter.view, status: filter.status, limit: String(limit) });
  if (filter.facet) params.set(filter.facet.kind, filter.facet.value);
  if (before) params.set("before", before);
  return params.toString();
}

/** Whether a conversation belongs in the list of `filter`, as the server would list it. */
export function matches(c: ConversationView, filter: InboxFilter, selfId: string): boolean {
  if (c.status !== filter.status) return false;
  if (filter.view === "mine" && c.assigneeId !== selfId) return false;
  if (filter.view === "unassigned" && c.assigneeId !== null) return false;
  const facet = filter.facet;
  if (!facet) return true;
  switch (facet.kind) {
    case "queue": return c.queueId === facet.value;
    case "channel": return c.channel === facet.value;
    case "label": return c.labels.includes(facet.value);
  }
}

/** Newest activity first, as the server lists them; ties by id, so the order is stable. */
function newerFirst(a: ConversationView, b: ConversationView): number {
  return Date.parse(b.lastActivityAt) - Date.parse(a.lastActivityAt) || (a.conversationId < b.conversationId ? -1 : a.conversationId > b.conversationId ? 1 : 0);
}

/**
 * The list after a newer view of one conversation (its version already checked): it leaves the list when it no
 * longer `belongs` there, takes its place by activity when it does. With more pages to load (`complete: false`), one
 * older than the last row shown is left for its page, so a page never holds a row twice or skips one.
 */
export function place(list: readonly ConversationView[], c: ConversationView, belongs: boolean, complete: boolean): ConversationView[] {
  const rest = list.filter((x) => x.conversationId !== c.conversationId);
  if (!belongs) return rest.length === list.length ? list as ConversationView[] : rest;
  const last = rest[rest.length - 1];
  if (!complete && last && newerFirst(c, last) > 0) return rest;
  return [...rest, c].sort(newerFirst);
}

/** Adds a page's rows under the ones shown, each once (a row that moved up meanwhile keeps its newer place). */
export function appendPage(list: readonly ConversationView[], page: readonly ConversationView[]): ConversationView[] {
  const shown = new Set(list.map((c) => c.conversationId));
  return [...list, ...page.filter((c) => !shown.has(c.conversationId))];
}

/**
 * The newest view known of every conversation seen (lists, events, replies): a view older than it is stale, whatever
 * order they came in, and a page read before a change shows the change.
 */
export class Latest {
  private readonly views = new Map<string, ConversationView>();

  /** The newest view of c's conversation, remembering c when it is newer (`news`) than any seen before. */
  take(c: ConversationView): { view: ConversationView; news: boolean } {
    const held = this.views.get(c.conversationId);
    if (held && held.version >= c.version) return { view: held, news: false };
    this.views.set(c.conversationId, c);
    return { view: c, news: true };
  }

  get(conversationId: string): ConversationView | undefined {
    return this.views.get(conversationId);
  }
}

// ---- counts ----

function inScope(queueId: string, assigneeId: string | null, scope: Scope): boolean {
  return scope.queues === null || scope.queues.has(queueId) || (assigneeId !== null && assigneeId === scope.selfId);
}

/**
 * How many conversations the list of `filter` holds, summed from the rows of the queues the workspace sees; null
 * when the rows cannot tell: resolved conversations are not counted, and label rows count open ones without their
 * assignee.
 */
export function countFor(counts: InboxCounts | null, scope: Scope, filter: InboxFilter): number | null {
  if (!counts || filter.status === "resolved") return null;
  const facet = filter.facet;
  if (facet?.kind === "label") {
    if (filter.status !== "open" || filter.view !== "all") return null;
    return counts.labels
      .filter((r) => r.label === facet.value && (scope.queues === null || scope.queues.has(r.queueId)))
      .reduce((n, r) => n + r.count, 0);
  }
  return counts.counts
    .filter((r) => r.status === filter.status && inScope(r.queueId, r.assigneeId, scope)
      && (filter.view !== "mine" || r.assigneeId === scope.selfId)
      && (filter.view !== "unassigned" || r.assigneeId === null)
      && (!facet || (facet.kind === "queue" ? r.queueId === facet.value : r.channel === facet.value)))
    .reduce((n, r) => n + r.count, 0);
}

/** The labels on open conversations the workspace sees, by name. */
export function labelsInScope(counts: InboxCounts | null, scope: Scope): string[] {
  if (!counts) return [];
  const names = new Set(counts.labels.filter((r) => r.count > 0 && (scope.queues === null || scope.queues.has(r.queueId))).map((r) => r.label));
  return [...names].sort();
}

/** Keeps the newer of two counts (a higher version is newer). */
export function newerCounts(held: InboxCounts | null, incoming: InboxCounts): InboxCounts {
  return held && held.version > incoming.version ? held : incoming;
}

// ---- a conversation's thread ----

const messageKey = (m: ChatMessage) => `${m.sessionId}#${m.seq}`;

/**
 * A thread's messages from its own transcript and its episodes', each once (by transcript and seq), by time; within
 * one transcript by seq.
 */
export function mergeMessages(held: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const byKey = new Map(held.map((m) => [messageKey(m), m]));
  let added = false;
  for (const m of incoming) {
    if (byKey.has(messageKey(m))) continue;
    byKey.set(messageKey(m), m);
    added = true;
  }
  if (!added) return held as ChatMessage[];
  return [...byKey.values()].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.sessionId === b.sessionId ? a.seq - b.seq : 0));
}

/** The highest seq held of the conversation's own transcript. */
export function ownLastSeq(messages: readonly ChatMessage[], conversationId: string): number {
  return messages.reduce((n, m) => (m.sessionId === conversationId && m.seq > n ? m.seq : n), 0);
}

/** A thread cut into runs: the conversation's own messages, and each live chat (episode) as a run of its own. */
export function runs(messages: readonly ChatMessage[], conversationId: string): { sessionId: string; episode: boolean; messages: ChatMessage[] }[] {
  const result: { sessionId: string; episode: boolean; messages: ChatMessage[] }[] = [];
  for (const m of messages) {
    const last = result[result.length - 1];
    if (last && last.sessionId === m.sessionId) last.messages.push(m);
    else result.push({ sessionId: m.sessionId, episode: m.sessionId !== conversationId, messages: [m] });
  }
  return result;
}

// ---- labels ----

/** A label as the server stores it, or why it is refused: 1–32 of a–z 0–9 - _, after trimming and lower-casing. */
export function parseLabel(text: string): { label: string } | { error: string } {
  const label = text.trim().toLowerCase();
  if (!label) return { error: "Type a label." };
  if (label.length > limits.label) return { error: `A label is at most ${limits.label} characters.` };
  if (!/^[a-z0-9_-]+$/.test(label)) return { error: "A label is letters a–z, digits, '-' and '_' only." };
  return { label };
}

/** The labels with one more, or why not (a duplicate is no error: nothing changes). */
export function addLabel(labels: readonly string[], text: string): { labels: string[] } | { error: string } {
  const parsed = parseLabel(text);
  if ("error" in parsed) return parsed;
  if (labels.includes(parsed.label)) return { labels: [...labels] };
  if (labels.length >= limits.labels) return { error: `A conversation has at most ${limits.labels} labels.` };
  return { labels: [...labels, parsed.label].sort() };
}

// ---- search ----

/**
 * A search snippet cut into plain and found parts: the server marks the words found between « and ». Rendered as
 * text and <mark> elements, never as HTML. A marker without its partner is shown as it is.
 */
export function snippetParts(snippet: string): { text: string; found: boolean }[] {
  const parts: { text: string; found: boolean }[] = [];
  let rest = snippet;
  while (rest) {
    const open = rest.indexOf("«");
    const close = open < 0 ? -1 : rest.indexOf("»", open + 1);
    if (open < 0 || close < 0) { parts.push({ text: rest, found: false }); break; }
    if (open > 0) parts.push({ text: rest.slice(0, open), found: false });
    if (close > open + 1) parts.push({ text: rest.slice(open + 1, close), found: true });
    rest = rest.slice(close + 1);
  }
  return parts;
}

// ---- snooze ----

/** Snooze presets from `now` (local time): in an hour, tomorrow at 9:00, next Monday at 9:00. */
export function snoozePresets(now: Date): { label: string; until: Date }[] {
  const inAnHour = new Date(now.getTime() + 3_600_000);
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9, 0, 0, 0);
  const daysToMonday = ((8 - now.getDay()) % 7) || 7;
  const nextWeek = new Date(now.getFullYear(), now.getMonth(), now.getDate() + daysToMonday, 9, 0, 0, 0);
  return [
    { label: "For 1 hour", until: inAnHour },
    { label: "Until tomorrow, 9:00", until: tomorrow },
    { label: "Until Monday, 9:00", until: nextWeek },
  ];
}
