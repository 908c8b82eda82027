// When the workspace calls the agent back to a tab they are not looking at, and what its title counts: pure rules,
// tested in web/test/notifyRules.test.ts. notifier.ts applies them with the browser's sound, Notification and title.
import type { ChatMessage, SessionOffer } from "../../shared/protocol";
import { filesSummary } from "../../shared/attachments/files";

/** The three ways the agent can be told, each on or off; kept per agent in this browser (settings.ts). */
export interface NotifySettings {
  sound: boolean;
  desktop: boolean;
  badge: boolean;
}

/** Sound and the title's count need nothing from the browser; desktop notifications wait for the agent to ask (and the browser to allow them). */
export const defaultSettings: NotifySettings = { sound: true, desktop: false, badge: true };

/** What the browser says of Notification: its permission, or that it has none. */
export type Permission = NotificationPermission | "unsupported";

/** What the agent can see when something arrives: whether the tab is hidden, and the live chat on screen (none in the inbox or contacts). */
export interface Attention {
  hidden: boolean;
  openSessionId: string | null;
}

/** Something that may call for the agent: a new offer, or a message in one of their chats. */
export type Arrival =
  | { kind: "offer"; offer: SessionOffer }
  | { kind: "message"; message: ChatMessage };

/** What to do about an arrival: which chime to play (if any), whether to show a desktop notification, whether the title counts it. */
export interface Alert {
  chime: Arrival["kind"] | null;
  desktop: boolean;
  badge: boolean;
}

const sessionOf = (arrival: Arrival) => (arrival.kind === "offer" ? arrival.offer.sessionId : arrival.message.sessionId);

/**
 * Whether an arrival calls for the agent at all: never their own message nor a line the system wrote; otherwise only
 * while the tab is hidden, or when it belongs to a session other than the one on screen (an offer always does).
 */
export function wantsAttention(arrival: Arrival, attention: Attention, selfId: string): boolean {
  if (arrival.kind === "message" && (arrival.message.senderId === selfId || arrival.message.kind !== "text")) return false;
  return attention.hidden || sessionOf(arrival) !== attention.openSessionId;
}

/** Whether a message is newer than the last one alerted of its session: a message delivered again alerts once. */
export const isNewer = (alerted: ReadonlyMap<string, number>, message: ChatMessage) => message.seq > (alerted.get(message.sessionId) ?? 0);

/** The alert for an arrival under the agent's settings; null when it calls for nothing. The title counts only while the tab is hidden. */
export function alertFor(arrival: Arrival, attention: Attention, selfId: string, settings: NotifySettings, permission: Permission): Alert | null {
  if (!wantsAttention(arrival, attention, selfId)) return null;
  const alert: Alert = {
    chime: settings.sound ? arrival.kind : null,
    desktop: settings.desktop && permission === "granted",
    badge: settings.badge && attention.hidden,
  };
  return alert.chime || alert.desktop || alert.badge ? alert : null;
}

/** What the agent has not seen since the tab went hidden: the offers (by session) and the messages (by session and seq). */
export interface Unseen {
  offers: readonly string[];
  messages: readonly string[];
}

export const nothingUnseen: Unseen = { offers: [], messages: [] };

/** Adds an arrival the title counts; one delivered twice counts once. */
export function addUnseen(unseen: Unseen, arrival: Arrival): Unseen {
  if (arrival.kind === "offer") {
    const id = arrival.offer.sessionId;
    return unseen.offers.includes(id) ? unseen : { ...unseen, offers: [...unseen.offers, id] };
  }
  const key = `${arrival.message.sessionId}#${arrival.message.seq}`;
  return unseen.messages.includes(key) ? unseen : { ...unseen, messages: [...unseen.messages, key] };
}

/** The title's count: unseen messages, and unseen offers still waiting (one accepted elsewhere, declined or expired no longer counts). */
export function badgeCount(unseen: Unseen, pendingOffers: readonly SessionOffer[]): number {
  const pending = new Set(pendingOffers.map((o) => o.sessionId));
  return unseen.offers.filter((id) => pending.has(id)).length + unseen.messages.length;
}

/** "(3) Workspace · Engagement", or the page's own title when nothing waits. */
export function titled(base: string, count: number): string {
  return count > 0 ? `(${count}) ${base}` : base;
}

/** A desktop notification's words and tag: one per offer, one per chat, so a newer one replaces the last rather than piling up. */
export interface Notice {
  tag: string;
  title: string;
  body: string;
}

const bodyLimit = 140;
const clip = (text: string) => (text.length > bodyLimit ? `${text.slice(0, bodyLimit - 1)}…` : text);

/** `nameOf` turns an agent id into the name colleagues know them by (a transfer's or an invite's notice names who sent it). */
export function noticeFor(arrival: Arrival, nameOf: (agentId: string) => string = (id) => id): Notice {
  if (arrival.kind === "offer") {
    const o = arrival.offer;
    const tag = offerTag(o.sessionId);
    const about = o.note ?? o.topic;
    const body = about ? clip(about) : "No note given";
    if (o.transferFrom) return { tag, title: `Transfer from ${nameOf(o.transferFrom)}`, body };
    if (o.invitedBy) return { tag, title: `${nameOf(o.invitedBy)} invites you to join`, body };
    return { tag, title: `New chat · ${o.queueId}`, body: o.topic ? clip(o.topic) : "No topic given" };
  }
  const m = arrival.message;
  return { tag: chatTag(m.sessionId), title: `${m.senderName} wrote`, body: clip(m.text.trim() || filesSummary(m.attachments)) };
}

const offerPrefix = "engagement-offer-";
export const offerTag = (sessionId: string) => offerPrefix + sessionId;
export const chatTag = (sessionId: string) => `engagement-chat-${sessionId}`;

/** Whether a notice shown stays up: a chat's does, an offer's only while the offer waits. */
export function noticeStays(tag: string, pendingOffers: readonly SessionOffer[]): boolean {
  return !tag.startsWith(offerPrefix) || pendingOffers.some((o) => offerTag(o.sessionId) === tag);
}
