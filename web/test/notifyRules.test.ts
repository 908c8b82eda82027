import { describe, expect, it } from "vitest";
import {
  addUnseen, alertFor, badgeCount, defaultSettings, isNewer, noticeFor, noticeStays, nothingUnseen, offerTag, chatTag, titled, wantsAttention,
  type Arrival, type Attention, type NotifySettings,
} from "../src/workspace/notify/rules";
import { loadSettings, saveSettings } from "../src/workspace/notify/settings";
import { chimes } from "../src/workspace/notify/chime";
import type { AttachmentView, SessionOffer } from "../src/shared/protocol";
import { message } from "./fakes";

const me = "agent-me";
const visitor = { senderId: "v_1", senderRole: "visitor" as const, senderName: "Dana" };
const offer = (sessionId: string, topic: string | null = "Billing"): SessionOffer => ({
  sessionId, queueId: "support", customerId: "v_1", topic, offeredAt: "2026-12-04T10:00:00Z", expiresAt: "2026-12-04T10:00:20Z", transferFrom: null, note: null, invitedBy: null,
});
const fromVisitor = (sessionId: string, seq: number, text = `m${seq}`): Arrival => ({ kind: "message", message: message(seq, text, { ...visitor, sessionId }) });
const newOffer = (sessionId: string): Arrival => ({ kind: "offer", offer: offer(sessionId) });
const hidden: Attention = { hidden: true, openSessionId: "s_open" };
const looking: Attention = { hidden: false, openSessionId: "s_open" };
const everything: NotifySettings = { sound: true, desktop: true, badge: true };

describe("when the workspace calls the agent", () => {
  it("never for the agent's own message, nor a line the system wrote", () => {
    expect(wantsAttention({ kind: "message", message: message(1, "hi", { sessionId: "s_other", senderId: me }) }, hidden, me)).toBe(false);
    expect(wantsAttention({ kind: "message", message: message(1, "joined", { ...visitor, sessionId: "s_other", kind: "event" }) }, hidden, me)).toBe(false);
  });

  it("for a message in the chat on screen only while the tab is hidden", () => {
    expect(wantsAttention(fromVisitor("s_open", 1), looking, me)).toBe(false);
    expect(wantsAttention(fromVisitor("s_open", 1), hidden, me)).toBe(true);
  });

  it("for a message in another chat, or with no chat on screen (the inbox), even while the agent looks", () => {
    expect(wantsAttention(fromVisitor("s_other", 1), looking, me)).toBe(true);
    expect(wantsAttention(fromVisitor("s_open", 1), { hidden: false, openSessionId: null }, me)).toBe(true);
  });

  it("for every new offer", () => {
    expect(wantsAttention(newOffer("s_new"), looking, me)).toBe(true);
    expect(wantsAttention(newOffer("s_new"), hidden, me)).toBe(true);
  });
});

describe("what the alert is", () => {
  it("a chime of its kind, a desktop notification once permitted, the title's count only while hidden", () => {
    expect(alertFor(newOffer("s_new"), hidden, me, everything, "granted")).toEqual({ chime: "offer", desktop: true, badge: true });
    expect(alertFor(fromVisitor("s_other", 3), looking, me, everything, "granted")).toEqual({ chime: "message", desktop: true, badge: false });
  });

  it("follows the agent's choices, and shows nothing on the desktop without the browser's permission", () => {
    expect(alertFor(newOffer("s_new"), hidden, me, { sound: false, desktop: true, badge: false }, "granted")).toEqual({ chime: null, desktop: true, badge: false });
    expect(alertFor(newOffer("s_new"), hidden, me, everything, "default")?.desktop).toBe(false);
    expect(alertFor(newOffer("s_new"), hidden, me, everything, "denied")?.desktop).toBe(false);
    expect(alertFor(newOffer("s_new"), hidden, me, everything, "unsupported")?.desktop).toBe(false);
  });

  it("is nothing when every way is off, or nothing calls for the agent", () => {
    expect(alertFor(newOffer("s_new"), hidden, me, { sound: false, desktop: false, badge: false }, "granted")).toBeNull();
    expect(alertFor(fromVisitor("s_other", 1), looking, me, { sound: false, desktop: false, badge: true }, "granted")).toBeNull();
    expect(alertFor(fromVisitor("s_open", 1), looking, me, everything, "granted")).toBeNull();
  });

  it("comes once for a message delivered twice", () => {
    const alerted = new Map([["s_open", 4]]);
    expect(isNewer(alerted, message(4, "again", { sessionId: "s_open" }))).toBe(false);
    expect(isNewer(alerted, message(5, "new", { sessionId: "s_open" }))).toBe(true);
    expect(isNewer(alerted, message(1, "first", { sessionId: "s_other" }))).toBe(true);
  });
});

describe("the title's count", () => {
  it("counts unseen messages and the unseen offers still waiting", () => {
    let unseen = nothingUnseen;
    for (const arrival of [newOffer("s_a"), newOffer("s_b"), fromVisitor("s_open", 7), fromVisitor("s_other", 2)]) unseen = addUnseen(unseen, arrival);
    expect(badgeCount(unseen, [offer("s_a"), offer("s_b")])).toBe(4);
    // One offer was taken by a colleague (or expired): it no longer counts.
    expect(badgeCount(unseen, [offer("s_b")])).toBe(3);
  });

  it("counts an offer or message delivered twice once", () => {
    const once = addUnseen(addUnseen(nothingUnseen, newOffer("s_a")), fromVisitor("s_open", 7));
    const twice = addUnseen(addUnseen(once, newOffer("s_a")), fromVisitor("s_open", 7));
    expect(twice).toBe(once);
    expect(badgeCount(twice, [offer("s_a")])).toBe(2);
  });

  it("prefixes the page's title, and leaves it alone at zero", () => {
    expect(titled("Workspace · Engagement", 3)).toBe("(3) Workspace · Engagement");
    expect(titled("Workspace · Engagement", 0)).toBe("Workspace · Engagement");
  });
});

describe("desktop notices", () => {
  it("one per offer and one per chat, so a newer one replaces the last", () => {
    expect(noticeFor(newOffer("s_a"))).toEqual({ tag: offerTag("s_a"), title: "New chat · support", body: "Billing" });
    expect(noticeFor({ kind: "offer", offer: offer("s_a", null) }).body).toBe("No topic given");
    const transfer: Arrival = { kind: "offer", offer: { ...offer("s_t"), transferFrom: "alice", note: "Wants a refund" } };
    expect(noticeFor(transfer, (id) => (id === "alice" ? "Alice Smith" : id)))
      .toEqual({ tag: offerTag("s_t"), title: "Transfer from Alice Smith", body: "Wants a refund" });
    const invite: Arrival = { kind: "offer", offer: { ...offer("s_i"), invitedBy: "alice" } };
    expect(noticeFor(invite, (id) => (id === "alice" ? "Alice Smith" : id)))
      .toEqual({ tag: offerTag("s_i"), title: "Alice Smith invites you to join", body: "Billing" });
    const first = noticeFor(fromVisitor("s_open", 1, "Hello?"));
    const second = noticeFor(fromVisitor("s_open", 2, "Anyone there?"));
    expect(first).toEqual({ tag: chatTag("s_open"), title: "Dana wrote", body: "Hello?" });
    expect(second.tag).toBe(first.tag);
    expect(offerTag("s_open")).not.toBe(chatTag("s_open"));
  });

  it("say what a message without words carried, and clip a long one", () => {
    const file: AttachmentView = { attachmentId: "f_1", fileName: "invoice.pdf", contentType: "application/pdf", size: 1000 };
    const files = { kind: "message" as const, message: message(1, "", { ...visitor, attachments: [file] }) };
    expect(noticeFor(files).body).toBe("📎 invoice.pdf");
    const long = noticeFor(fromVisitor("s_open", 1, "x".repeat(500))).body;
    expect(long.length).toBe(140);
    expect(long.endsWith("…")).toBe(true);
  });

  it("an offer's stays while it waits, a chat's stays", () => {
    expect(noticeStays(offerTag("s_a"), [offer("s_a")])).toBe(true);
    expect(noticeStays(offerTag("s_a"), [offer("s_b")])).toBe(false);
    expect(noticeStays(chatTag("s_a"), [])).toBe(true);
  });
});

describe("the agent's choices", () => {
  const memory = () => {
    const items = new Map<string, string>();
    return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
  };

  it("are kept per agent", () => {
    const storage = memory();
    saveSettings(storage, "ana", { sound: false, desktop: true, badge: false });
    expect(loadSettings(storage, "ana")).toEqual({ sound: false, desktop: true, badge: false });
    expect(loadSettings(storage, "ben")).toEqual(defaultSettings);
  });

  it("take the defaults for what is missing or unreadable", () => {
    const storage = memory();
    expect(defaultSettings).toEqual({ sound: true, desktop: false, badge: true });
    storage.items.set("engagement.notifications.ana", "{not json");
    expect(loadSettings(storage, "ana")).toEqual(defaultSettings);
    storage.items.set("engagement.notifications.ana", JSON.stringify({ sound: false, badge: "yes" }));
    expect(loadSettings(storage, "ana")).toEqual({ sound: false, desktop: false, badge: true });
  });
});

describe("the chimes", () => {
  it("are two tones each, and tell an offer from a message", () => {
    expect(chimes.offer).toHaveLength(2);
    expect(chimes.message).toHaveLength(2);
    expect(chimes.offer.map((t) => t.hz)).not.toEqual(chimes.message.map((t) => t.hz));
    // An offer rises, a message falls.
    expect(chimes.offer[1].hz).toBeGreaterThan(chimes.offer[0].hz);
    expect(chimes.message[1].hz).toBeLessThan(chimes.message[0].hz);
  });
});
