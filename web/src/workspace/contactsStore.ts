import { signal } from "@preact/signals";
import { requestJson } from "../shared/http";
import { describe } from "../shared/errors";
import { withRetries } from "../shared/retry";
import type { ContactDetail, ContactPage, ContactSummary, LoginResponse } from "../shared/protocol";
import { shortId } from "./sessionEntry";

type Load = "loading" | "ready" | "error";

/** How long the list waits after the last keystroke before it asks the server. */
export const searchPauseMs = 250;

/** A contact as the workspace names them: name, else email, else a short handle of their id. */
export function contactLabel(c: Pick<ContactSummary, "contactId" | "name" | "email">): string {
  return c.name || c.email || `Visitor ${shortId(c.contactId)}`;
}

/** The next page joined to the list: a contact already listed (same last-seen time at a page's edge) is not listed twice. */
export function appendContacts(list: readonly ContactSummary[], page: readonly ContactSummary[]): ContactSummary[] {
  const listed = new Set(list.map((c) => c.contactId));
  return [...list, ...page.filter((c) => !listed.has(c.contactId))];
}

/** Why a merge cannot be asked for (docs/protocol.md, Contacts); null when it may. */
export function mergeProblem(contact: Pick<ContactDetail, "contactId" | "isKnown" | "mergedInto">, into: string): string | null {
  if (contact.isKnown || !contact.contactId.startsWith("v_")) return "Only an anonymous visitor can be merged into a customer.";
  if (contact.mergedInto) return "This visitor was already merged.";
  const target = into.trim();
  if (!target) return "Enter the customer's id.";
  if (target.startsWith("v_")) return "Choose an identified customer, not an anonymous visitor.";
  return null;
}

/**
 * The workspace's contacts view (docs/protocol.md, Contacts) over REST: the list (searched as the agent types,
 * paged), one contact's page with its conversations, and merging an anonymous visitor into a customer. The latest
 * request wins: an answer to an older search or an older contact is dropped.
 */
export class ContactsStore {
  readonly query = signal("");
  readonly list = signal<ContactSummary[]>([]);
  readonly next = signal<string | null>(null);
  readonly listState = signal<Load>("loading");
  readonly listError = signal<string | null>(null);
  readonly selectedId = signal<string | null>(null);
  readonly detail = signal<ContactDetail | null>(null);
  readonly detailState = signal<Load>("loading");
  readonly detailError = signal<string | null>(null);
  readonly merging = signal(false);
  readonly mergeError = signal<string | null>(null);

  private listRequest = 0;
  private detailRequest = 0;
  private pause: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly login: LoginResponse) {}

  /** The words typed: the list is asked for once typing pauses. */
  type(query: string) {
    this.query.value = query;
    clearTimeout(this.pause);
    this.pause = setTimeout(() => void this.reload(), searchPauseMs);
  }

  /** The first page for the current words, again. */
  async reload() {
    clearTimeout(this.pause);
    const request = ++this.listRequest;
    this.listState.value = "loading";
    this.listError.value = null;
    try {
      const page = await this.get<ContactPage>(this.listPath(null));
      if (request !== this.listRequest) return;
      this.list.value = page.contacts;
      this.next.value = page.next;
      this.listState.value = "ready";
    } catch (error) {
      if (request !== this.listRequest) return;
      this.listState.value = "error";
      this.listError.value = describe(error);
    }
  }

  async more() {
    const before = this.next.value;
    if (!before) return;
    const request = this.listRequest;
    try {
      const page = await this.get<ContactPage>(this.listPath(before));
      if (request !== this.listRequest) return;
      this.list.value = appendContacts(this.list.value, page.contacts);
      this.next.value = page.next;
    } catch (error) {
      this.listError.value = describe(error);
    }
  }

  /** Shows one contact (again, to refresh it). */
  async open(contactId: string) {
    const request = ++this.detailRequest;
    if (this.selectedId.value !== contactId) this.detail.value = null;
    this.selectedId.value = contactId;
    this.mergeError.value = null;
    this.detailState.value = this.detail.value ? "ready" : "loading";
    try {
      const detail = await this.get<ContactDetail>(`/api/contacts/${encodeURIComponent(contactId)}`);
      if (request !== this.detailRequest) return;
      this.detail.value = detail;
      this.detailState.value = "ready";
      this.detailError.value = null;
    } catch (error) {
      if (request !== this.detailRequest) return;
      this.detailState.value = "error";
      this.detailError.value = describe(error);
    }
  }

  close() {
    ++this.detailRequest;
    this.selectedId.value = null;
    this.detail.value = null;
  }

  /** Merges the shown visitor into the customer `into`, then shows that customer (the visitor leaves the list). */
  async merge(into: string): Promise<boolean> {
    const contact = this.detail.value;
    if (!contact || this.merging.value) return false;
    this.mergeError.value = mergeProblem(contact, into);
    if (this.mergeError.value) return false;
    this.merging.value = true;
    try {
      const merged = await requestJson<ContactDetail>("", "POST", `/api/contacts/${encodeURIComponent(contact.contactId)}/merge`, this.login.token, { into: into.trim() });
      ++this.detailRequest;
      this.selectedId.value = merged.contactId;
      this.detail.value = merged;
      this.detailState.value = "ready";
      void this.reload();
      return true;
    } catch (error) {
      this.mergeError.value = describe(error);
      return false;
    } finally {
      this.merging.value = false;
    }
  }

  private listPath(before: string | null): string {
    const params = new URLSearchParams();
    const q = this.query.value.trim();
    if (q) params.set("q", q);
    if (before) params.set("before", before);
    const query = params.toString();
    return query ? `/api/contacts?${query}` : "/api/contacts";
  }

  /** Reads are safe to repeat: retried while the failure is transient. */
  private get<T>(path: string): Promise<T> {
    return withRetries(() => requestJson<T>("", "GET", path, this.login.token));
  }
}
