import type { ChatMessage, ConversationView } from "../shared/protocol";
import type { SeenConversations } from "./storage";

// The visitor's list of lasting conversations, and a thread's order, as plain functions (docs/protocol.md, Conversations).

export const activity = (c: ConversationView) => Date.parse(c.lastActivityAt);
export const at = (m: ChatMessage) => Date.parse(m.at);
/** Words from the team: what makes a conversation unread (status lines and the visitor's own words do not). */
export const fromTeam = (m: ChatMessage) => m.kind === "text" && m.senderRole === "agent";

/** Newest activity first, as GetConversations lists them. */
export function byActivity(a: ConversationView, b: ConversationView): number {
  return activity(b) - activity(a) || (a.conversationId < b.conversationId ? -1 : 1);
}

/** The list with `view` in it: a conversation's highest version wins, whatever order the views came in. */
export function mergeView(list: readonly ConversationView[], view: ConversationView): ConversationView[] {
  const current = list.find((c) => c.conversationId === view.conversationId);
  if (current && current.version >= view.version) return list as ConversationView[];
  return [...list.filter((c) => c !== current), view].sort(byActivity);
}

/** Two records of what was read (this tab's, another's): the later reading of each conversation. */
export function newestSeen(a: SeenConversations, b: SeenConversations): SeenConversations {
  const seen = { ...a };
  for (const [id, time] of Object.entries(b)) if (time > (seen[id] ?? 0)) seen[id] = time;
  return seen;
}

/** A thread's order, the server's: time, then transcript, then seq. */
export function threadOrder(a: ChatMessage, b: ChatMessage): number {
  return at(a) - at(b) || (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : a.seq - b.seq);
}

/** Where a conversation stands, as its visitor reads it (snoozed is the team's business: it is open to them). */
export function statusText(c: ConversationView): string {
  if (c.liveSessionId) return "Chat in progress";
  switch (c.status) {
    case "resolved": return "Resolved";
    case "pending": return "Waiting for your reply";
    default: return c.awaitingReply ? "Waiting for the team's reply" : "Open";
  }
}
