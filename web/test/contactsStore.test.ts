import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ContactsStore, appendContacts, contactLabel, mergeProblem, searchPauseMs } from "../src/workspace/contactsStore";
import type { ContactDetail, ContactSummary, LoginResponse } from "../src/shared/protocol";
import { Deferred } from "./fakes";

const login: LoginResponse = { agentId: "ana", role: "agent", name: "Ana", token: "t", expiresAt: "2099-01-01T00:00:00Z" };
const at = (minute: number) => `2026-12-04T10:${String(minute).padStart(2, "0")}:00Z`;

function summary(id: string, extra: Partial<ContactSummary> = {}): ContactSummary {
  return { contactId: id, isKnown: false, name: null, email: null, attributes: {}, conversationCount: 0, firstSeen: at(0), lastSeenAt: at(1), lastConversationAt: null, ...extra };
}

function detail(id: string, extra: Partial<ContactDetail> = {}): ContactDetail {
  return {
    contactId: id, isKnown: false, name: null, email: null, attributes: {}, firstSeen: at(0), lastSeenAt: at(1), presence: "offline",
    mergedVisitorIds: [], mergedInto: null, conversations: [], conversationsNext: null, ...extra,
  };
}

/** fetch answered by the test: each call waits for the answer the test gives it (by method and path). */
class FakeServer {
  readonly calls: { method: string; url: string; body: unknown; answer: Deferred<unknown>; status: number }[] = [];
  fetch = (url: string, init: RequestInit) => {
    const call = { method: init.method ?? "GET", url, body: init.body ? JSON.parse(init.body as string) : undefined, answer: new Deferred<unknown>(), status: 200 };
    this.calls.push(call);
    return call.answer.promise.then((value) => new Response(JSON.stringify(value), { status: call.status, headers: { "Content-Type": "application/json" } }));
  };
  last(method: string, path: string) {
    return [...this.calls].reverse().find((c) => c.method === method && c.url.split("?")[0] === path)!;
  }
}

let server: FakeServer;
beforeEach(() => {
  server = new FakeServer();
  vi.stubGlobal("fetch", server.fetch);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("contacts, named and paged", () => {
  it("names a contact by name, else email, else a short handle", () => {
    expect(contactLabel(summary("v_abc", { name: "Rosa", email: "r@example.com" }))).toBe("Rosa");
    expect(contactLabel(summary("v_abc", { email: "r@example.com" }))).toBe("r@example.com");
    expect(contactLabel(summary("v_16rwi1r5cpkfmhb8xj9l44"))).toMatch(/^Visitor /);
  });

  it("lists a contact once when a page's edge repeats it", () => {
    expect(appendContacts([summary("a"), summary("b")], [summary("b"), summary("c")]).map((c) => c.contactId)).toEqual(["a", "b", "c"]);
  });

  it("merges only an anonymous visitor, into an identified customer", () => {
    expect(mergeProblem(detail("v_1"), " cust-42 ")).toBeNull();
    expect(mergeProblem(detail("v_1"), "  ")).toBe("Enter the customer's id.");
    expect(mergeProblem(detail("v_1"), "v_2")).toMatch(/not an anonymous visitor/);
    expect(mergeProblem(detail("cust-1", { isKnown: true }), "cust-42")).toMatch(/Only an anonymous visitor/);
    expect(mergeProblem(detail("m_1"), "cust-42")).toMatch(/Only an anonymous visitor/);
    expect(mergeProblem(detail("v_1", { mergedInto: "cust-9" }), "cust-42")).toMatch(/already merged/);
  });
});

describe("the contacts store", () => {
  it("searches once typing pauses, and an older search's late answer does not replace a newer one", async () => {
    vi.useFakeTimers();
    const contacts = new ContactsStore(login);
    contacts.type("ro");
    contacts.type("ros");
    expect(server.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(searchPauseMs);
    expect(server.calls.map((c) => c.url)).toEqual(["/api/contacts?q=ros"]);
    const older = server.calls[0];
    contacts.type("rosa");
    await vi.advanceTimersByTimeAsync(searchPauseMs);
    const newer = server.last("GET", "/api/contacts");
    expect(newer.url).toBe("/api/contacts?q=rosa");
    newer.answer.resolve({ contacts: [summary("v_rosa", { name: "Rosa" })], next: at(1) });
    await vi.waitFor(() => expect(contacts.listState.value).toBe("ready"));
    older.answer.resolve({ contacts: [summary("v_ross")], next: null });
    await vi.advanceTimersByTimeAsync(0);
    expect(contacts.list.value.map((c) => c.contactId)).toEqual(["v_rosa"]);

    // The next page goes after the last one's time, with the same words.
    const more = contacts.more();
    const page = server.last("GET", "/api/contacts");
    expect(page.url).toBe(`/api/contacts?q=rosa&before=${encodeURIComponent(at(1))}`);
    page.answer.resolve({ contacts: [summary("v_rosa"), summary("v_rosalind")], next: null });
    await more;
    expect(contacts.list.value.map((c) => c.contactId)).toEqual(["v_rosa", "v_rosalind"]);
    expect(contacts.next.value).toBeNull();
  });

  it("shows the latest contact opened, and after a merge the customer it went into", async () => {
    const contacts = new ContactsStore(login);
    const first = contacts.open("v_1");
    const second = contacts.open("v_2");
    server.last("GET", "/api/contacts/v_2").answer.resolve(detail("v_2"));
    await second;
    server.last("GET", "/api/contacts/v_1").answer.resolve(detail("v_1"));
    await first;
    expect(contacts.detail.value?.contactId).toBe("v_2");

    expect(await contacts.merge("v_9")).toBe(false);
    expect(contacts.mergeError.value).toMatch(/not an anonymous visitor/);
    expect(server.calls.filter((c) => c.method === "POST")).toHaveLength(0);

    const merging = contacts.merge(" cust-42 ");
    const post = server.last("POST", "/api/contacts/v_2/merge");
    expect(post.body).toEqual({ into: "cust-42" });
    post.answer.resolve(detail("cust-42", { isKnown: true, mergedVisitorIds: ["v_2"] }));
    expect(await merging).toBe(true);
    expect(contacts.selectedId.value).toBe("cust-42");
    expect(contacts.detail.value?.mergedVisitorIds).toEqual(["v_2"]);
    expect(contacts.mergeError.value).toBeNull();
    expect(server.last("GET", "/api/contacts").url).toBe("/api/contacts"); // the list is read again
  });

  it("shows the server's refusal of a merge", async () => {
    const contacts = new ContactsStore(login);
    const opened = contacts.open("v_2");
    server.last("GET", "/api/contacts/v_2").answer.resolve(detail("v_2"));
    await opened;
    const merging = contacts.merge("nobody");
    const post = server.last("POST", "/api/contacts/v_2/merge");
    post.status = 404;
    post.answer.resolve({ code: "not_found", detail: "Customer 'nobody' was not found." });
    expect(await merging).toBe(false);
    expect(contacts.mergeError.value).toBe("Customer 'nobody' was not found.");
    expect(contacts.detail.value?.contactId).toBe("v_2");
  });
});
