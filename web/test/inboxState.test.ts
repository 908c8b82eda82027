import { describe, expect, it } from "vitest";
import {
  Latest, addLabel, appendPage, countFor, labelsInScope, listQuery, matches, mergeMessages, newerCounts, ownLastSeq, parseLabel, place, runs,
  snippetParts, snoozePresets, type InboxFilter, type Scope,
} from "../src/workspace/inboxState";
import type { ChatMessage, ConversationView, InboxCount, InboxCounts } from "../src/shared/protocol";

const me = "ana";
function conversation(id: string, extra: Partial<ConversationView> = {}): ConversationView {
  return {
    conversationId: id, contactId: "v_1", queueId: "support", channel: "web", subject: null, status: "open", snoozedUntil: null,
    assigneeId: null, labels: [], createdAt: "2026-12-04T10:00:00Z", lastActivityAt: "2026-12-04T10:00:00Z", preview: null,
    sessionIds: [], liveSessionId: null, contactName: null, contactEmail: null, awaitingReply: true, lastSeq: 1, version: 1, apiChannelId: null, ...extra,
  };
}
const at = (minute: number) => `2026-12-04T10:${String(minute).padStart(2, "0")}:00Z`;
const ids = (list: readonly ConversationView[]) => list.map((c) => c.conversationId);
const unassigned: InboxFilter = { view: "unassigned", facet: null, status: "open" };

describe("inbox lists", () => {
  it("list only what the view, status and facet hold", () => {
    const c = conversation("c_1", { labels: ["vip"], channel: "email" });
    expect(matches(c, unassigned, me)).toBe(true);
    expect(matches({ ...c, assigneeId: me }, unassigned, me)).toBe(false);
    expect(matches({ ...c, assigneeId: me }, { ...unassigned, view: "mine" }, me)).toBe(true);
    expect(matches({ ...c, assigneeId: "bo" }, { ...unassigned, view: "mine" }, me)).toBe(false);
    expect(matches({ ...c, status: "pending" }, unassigned, me)).toBe(false);
    expect(matches(c, { view: "all", facet: { kind: "label", value: "vip" }, status: "open" }, me)).toBe(true);
    expect(matches(c, { view: "all", facet: { kind: "channel", value: "web" }, status: "open" }, me)).toBe(false);
    expect(matches(c, { view: "all", facet: { kind: "queue", value: "support" }, status: "open" }, me)).toBe(true);
  });

  it("move a row by activity, take a row out that no longer belongs, and leave an older row to its page", () => {
    const list = [conversation("c_a", { lastActivityAt: at(5) }), conversation("c_b", { lastActivityAt: at(3) })];
    const moved = place(list, conversation("c_b", { lastActivityAt: at(9), version: 2 }), true, true);
    expect(ids(moved)).toEqual(["c_b", "c_a"]);
    expect(ids(place(moved, conversation("c_b", { assigneeId: me, version: 3 }), false, true))).toEqual(["c_a"]);
    const older = conversation("c_old", { lastActivityAt: at(1) });
    expect(ids(place(list, older, true, false))).toEqual(["c_a", "c_b"]);
    expect(ids(place(list, older, true, true))).toEqual(["c_a", "c_b", "c_old"]);
    expect(place(list, conversation("c_x"), false, true)).toBe(list);
  });

  it("keep the newest view whatever order views come in", () => {
    const latest = new Latest();
    expect(latest.take(conversation("c_1", { version: 5, status: "resolved" })).news).toBe(true);
    const stale = latest.take(conversation("c_1", { version: 4 }));
    expect(stale.news).toBe(false);
    expect(stale.view.status).toBe("resolved");
    expect(latest.take(conversation("c_1", { version: 5 })).news).toBe(false);
    expect(latest.take(conversation("c_1", { version: 6 })).view.version).toBe(6);
  });

  it("append a page without repeating a row that moved up meanwhile", () => {
    const list = [conversation("c_b", { lastActivityAt: at(9) }), conversation("c_a")];
    expect(ids(appendPage(list, [conversation("c_b"), conversation("c_c")]))).toEqual(["c_b", "c_a", "c_c"]);
  });

  it("ask the server for the view, its status, facet and page", () => {
    expect(listQuery(unassigned, null)).toBe("view=unassigned&status=open&limit=50");
    expect(listQuery({ view: "all", facet: { kind: "label", value: "vip" }, status: "pending" }, "2026-12-04T10:00:00+00:00", 20))
      .toBe("view=all&status=pending&limit=20&label=vip&before=2026-12-04T10%3A00%3A00%2B00%3A00");
  });
});

describe("inbox counts", () => {
  const row = (queueId: string, status: InboxCount["status"], assigneeId: string | null, count: number, channel = "web"): InboxCount => ({ queueId, status, channel, assigneeId, count });
  const counts: InboxCounts = {
    counts: [
      row("support", "open", null, 4),
      row("support", "open", null, 1, "email"),
      row("support", "open", me, 2),
      row("support", "open", "bo", 3),
      row("support", "pending", me, 1),
      row("support", "snoozed", null, 2),
      row("billing", "open", null, 7), // a queue Ana does not serve
      row("billing", "open", me, 1), // …but this one is hers
    ],
    labels: [{ queueId: "support", label: "vip", count: 2 }, { queueId: "billing", label: "vip", count: 5 }, { queueId: "billing", label: "refund", count: 1 }],
    version: 10,
  };
  const agent: Scope = { selfId: me, queues: new Set(["support"]) };
  const supervisor: Scope = { selfId: me, queues: null };
  const open = (view: InboxFilter["view"], facet: InboxFilter["facet"] = null): InboxFilter => ({ view, facet, status: "open" });

  it("sum the rows of the queues the agent serves, and the conversations assigned to them anywhere", () => {
    expect(countFor(counts, agent, open("unassigned"))).toBe(5);
    expect(countFor(counts, agent, open("mine"))).toBe(3);
    expect(countFor(counts, agent, open("all"))).toBe(11);
    expect(countFor(counts, agent, { ...open("all"), status: "pending" })).toBe(1);
    expect(countFor(counts, agent, { ...open("unassigned"), status: "snoozed" })).toBe(2);
    expect(countFor(counts, agent, open("all", { kind: "channel", value: "email" }))).toBe(1);
    expect(countFor(counts, agent, open("all", { kind: "queue", value: "billing" }))).toBe(1);
    expect(countFor(counts, agent, open("all", { kind: "label", value: "vip" }))).toBe(2);
  });

  it("sum every queue for supervisors and admins", () => {
    expect(countFor(counts, supervisor, open("unassigned"))).toBe(12);
    expect(countFor(counts, supervisor, open("all"))).toBe(18);
    expect(countFor(counts, supervisor, open("all", { kind: "label", value: "vip" }))).toBe(7);
    expect(labelsInScope(counts, supervisor)).toEqual(["refund", "vip"]);
    expect(labelsInScope(counts, agent)).toEqual(["vip"]);
  });

  it("say nothing where the rows cannot tell: resolved ones, labels by assignee or status, no counts yet", () => {
    expect(countFor(counts, agent, { ...open("all"), status: "resolved" })).toBeNull();
    expect(countFor(counts, agent, { ...open("mine", { kind: "label", value: "vip" }) })).toBeNull();
    expect(countFor(counts, agent, { ...open("all", { kind: "label", value: "vip" }), status: "pending" })).toBeNull();
    expect(countFor(null, agent, open("all"))).toBeNull();
  });

  it("keep the newer counts", () => {
    const older = { ...counts, version: 9 };
    expect(newerCounts(counts, older)).toBe(counts);
    expect(newerCounts(older, counts)).toBe(counts);
    expect(newerCounts(null, older)).toBe(older);
  });
});

describe("a conversation's thread", () => {
  const message = (sessionId: string, seq: number, minute: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({
    sessionId, seq, kind: "text", senderId: "v_1", senderRole: "visitor", senderName: "Dana", text: `${sessionId}/${seq}`, at: at(minute), clientMessageId: null, attachments: null, precededBy: null, ...extra,
  });

  it("merge the own transcript and the live chats by time, each message once", () => {
    const held = [message("c_1", 1, 1), message("s_1", 1, 2), message("s_1", 2, 3)];
    const merged = mergeMessages(held, [message("c_1", 2, 4), message("s_1", 2, 3), message("c_1", 1, 1)]);
    expect(merged.map((m) => m.text)).toEqual(["c_1/1", "s_1/1", "s_1/2", "c_1/2"]);
    expect(mergeMessages(merged, [message("c_1", 2, 4)])).toBe(merged);
    expect(ownLastSeq(merged, "c_1")).toBe(2);
    expect(runs(merged, "c_1").map((r) => [r.sessionId, r.episode, r.messages.length])).toEqual([["c_1", false, 1], ["s_1", true, 2], ["c_1", false, 1]]);
  });

  it("order messages of one transcript written in the same instant by seq", () => {
    expect(mergeMessages([message("c_1", 3, 1)], [message("c_1", 2, 1)]).map((m) => m.seq)).toEqual([2, 3]);
  });
});

describe("labels", () => {
  it("check a label as the server does", () => {
    expect(parseLabel("  VIP ")).toEqual({ label: "vip" });
    expect(parseLabel("follow_up-2")).toEqual({ label: "follow_up-2" });
    expect(parseLabel("has space")).toHaveProperty("error");
    expect(parseLabel("émoji")).toHaveProperty("error");
    expect(parseLabel("")).toHaveProperty("error");
    expect(parseLabel("a".repeat(32))).toEqual({ label: "a".repeat(32) });
    expect(parseLabel("a".repeat(33))).toHaveProperty("error");
  });

  it("add one sorted, no duplicate, at most 20", () => {
    expect(addLabel(["vip"], "Billing")).toEqual({ labels: ["billing", "vip"] });
    expect(addLabel(["vip"], "VIP")).toEqual({ labels: ["vip"] });
    const twenty = Array.from({ length: 20 }, (_, i) => `l${i}`);
    expect(addLabel(twenty, "one-more")).toHaveProperty("error");
    expect(addLabel(twenty, "l3")).toEqual({ labels: twenty });
  });
});

describe("search snippets", () => {
  it("cut a snippet into text and the words found", () => {
    expect(snippetParts("My «quokka» order «never» arrived")).toEqual([
      { text: "My ", found: false }, { text: "quokka", found: true }, { text: " order ", found: false }, { text: "never", found: true }, { text: " arrived", found: false },
    ]);
    expect(snippetParts("«quokka»")).toEqual([{ text: "quokka", found: true }]);
  });

  it("keep markup and stray markers as text", () => {
    expect(snippetParts("<img src=x onerror=alert(1)> «hi»")).toEqual([{ text: "<img src=x onerror=alert(1)> ", found: false }, { text: "hi", found: true }]);
    expect(snippetParts("a « b")).toEqual([{ text: "a « b", found: false }]);
    expect(snippetParts("a » b")).toEqual([{ text: "a » b", found: false }]);
  });
});

describe("snooze presets", () => {
  it("offer an hour, tomorrow morning and next Monday morning", () => {
    const wednesday = new Date(2026, 11, 2, 15, 30);
    const [hour, tomorrow, monday] = snoozePresets(wednesday).map((p) => p.until);
    expect(hour.getTime() - wednesday.getTime()).toBe(3_600_000);
    expect([tomorrow.getDate(), tomorrow.getHours()]).toEqual([3, 9]);
    expect([monday.getDay(), monday.getDate(), monday.getHours()]).toEqual([1, 7, 9]);
    const sunday = new Date(2026, 11, 6, 8, 0);
    expect(snoozePresets(sunday)[2].until.getDate()).toBe(7);
    const aMonday = new Date(2026, 11, 7, 8, 0);
    expect(snoozePresets(aMonday)[2].until.getDate()).toBe(14);
  });
});
