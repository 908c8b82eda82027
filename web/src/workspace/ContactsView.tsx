import { useEffect, useRef, useState } from "preact/hooks";
import type { Workspace } from "./store";
import type { ContactsStore } from "./contactsStore";
import { contactLabel } from "./contactsStore";
import type { ContactDetail, ContactSummary } from "../shared/protocol";
import { Avatar, presenceText } from "../shared/ui";
import { dateTime } from "../shared/time";
import { limits } from "../shared/limits";
import { InboxIcon, TagIcon, UsersIcon } from "../shared/icons";
import { channelNames, statusNames } from "./inboxText";

/**
 * The contacts mode (docs/protocol.md, Contacts): a searchable list of everyone the team talked with or knows
 * something of, and one contact's page: identity, attributes (the pre-chat form's answers among them), every
 * conversation the agent may see (opening one goes to the shared inbox), and, for an anonymous visitor, merging it
 * into an identified customer.
 */
export function ContactsView({ workspace }: { workspace: Workspace }) {
  const contacts = workspace.contacts;
  // Read again whenever the mode opens: the list and the contact shown may have changed meanwhile.
  useEffect(() => {
    void contacts.reload();
    if (contacts.selectedId.value) void contacts.open(contacts.selectedId.value);
  }, [contacts]);
  return (
    <div class="ws-main ws-contacts">
      <ContactList contacts={contacts} />
      <main class="ws-center ct-detail" aria-label="Contact">
        {contacts.selectedId.value ? <Detail workspace={workspace} /> : (
          <div class="empty ws-empty">
            <UsersIcon size={56} />
            <strong>No contact open</strong>
            <p>Choose a contact from the list, or search by name, email address or id.</p>
          </div>
        )}
      </main>
    </div>
  );
}

function ContactList({ contacts }: { contacts: ContactsStore }) {
  const list = contacts.list.value;
  const state = contacts.listState.value;
  const q = contacts.query.value;
  const tooLong = q.trim().length > limits.searchText;
  return (
    <section class="ib-list" aria-label="Contacts list">
      <form role="search" class="ib-search" aria-label="Search contacts" onSubmit={(e) => { e.preventDefault(); if (!tooLong) void contacts.reload(); }}>
        <label class="sr-only" for="ct-search">Search contacts</label>
        <div class="ib-search-row">
          <input id="ct-search" class="input" type="search" placeholder="Name, email or id" value={q} data-testid="contacts-search"
            aria-invalid={tooLong || undefined} aria-describedby={tooLong ? "ct-search-error" : undefined}
            onInput={(e) => { const value = e.currentTarget.value; if (value.trim().length <= limits.searchText) contacts.type(value); else contacts.query.value = value; }} />
        </div>
        {tooLong && <p id="ct-search-error" class="error-text" role="alert">Search for at most {limits.searchText} characters.</p>}
      </form>
      <div class="ib-rows" aria-busy={state === "loading"}>
        {state === "error" && <p class="error-text ib-list-error" role="alert">{contacts.listError.value} <button type="button" class="link-btn" onClick={() => void contacts.reload()}>Try again</button></p>}
        {state !== "error" && list.length === 0 && <p class="rail-empty">{state === "loading" ? "Loading…" : q.trim() ? "No contact matches." : "No contacts yet."}</p>}
        {list.length > 0 && (
          <ul class="convo-list ib-row-list" aria-label={q.trim() ? `Contacts matching ${q.trim()}` : "Contacts, most recently seen first"} onKeyDown={moveBetweenRows}>
            {list.map((c) => <ContactRow key={c.contactId} contacts={contacts} contact={c} />)}
          </ul>
        )}
        {contacts.next.value && <button type="button" class="btn btn-sm ib-more" onClick={() => void contacts.more()}>Load more</button>}
      </div>
    </section>
  );
}

/** ↑ and ↓ move between the rows' buttons (Tab reaches each too). */
function moveBetweenRows(event: KeyboardEvent) {
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const list = event.currentTarget as HTMLElement;
  const rows = [...list.querySelectorAll<HTMLButtonElement>(":scope > li > button")];
  const at = rows.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  event.preventDefault();
  rows[Math.max(0, Math.min(rows.length - 1, at + (event.key === "ArrowDown" ? 1 : -1)))]?.focus();
}

function ContactRow({ contacts, contact: c }: { contacts: ContactsStore; contact: ContactSummary }) {
  const selected = contacts.selectedId.value === c.contactId;
  const name = contactLabel(c);
  return (
    <li>
      <button type="button" class={`convo-row ib-row${selected ? " selected" : ""}`} aria-current={selected ? "true" : undefined}
        data-testid="contact-row" data-contact={c.contactId} onClick={() => void contacts.open(c.contactId)}>
        <Avatar id={c.contactId} name={name} />
        <span class="convo-row-text">
          <span class="convo-row-top">
            <strong dir="auto">{name}</strong>
            <time dateTime={c.lastSeenAt}>{dateTime(c.lastSeenAt)}</time>
          </span>
          {c.email && c.email !== name && <span class="convo-row-last">{c.email}</span>}
          <span class="ib-row-meta">
            <span class={`badge${c.isKnown ? " badge-brand" : ""}`}>{c.isKnown ? "Customer" : c.contactId.startsWith("v_") ? "Anonymous" : "Contact"}</span>
            <span class="subtle">{c.conversationCount} {c.conversationCount === 1 ? "conversation" : "conversations"}</span>
          </span>
        </span>
      </button>
    </li>
  );
}

function Detail({ workspace }: { workspace: Workspace }) {
  const contacts = workspace.contacts;
  const detail = contacts.detail.value;
  const state = contacts.detailState.value;
  if (!detail) {
    return state === "error"
      ? <p class="error-text ct-pad" role="alert">{contacts.detailError.value} <button type="button" class="link-btn" onClick={() => void contacts.open(contacts.selectedId.value!)}>Try again</button></p>
      : <p class="subtle ct-pad">Loading…</p>;
  }
  const name = contactLabel(detail);
  const attributes = Object.entries(detail.attributes).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div class="ct-page" data-testid="contact-detail">
      <header class="ct-head">
        <Avatar id={detail.contactId} name={name} presence={detail.presence} />
        <div>
          <h1 dir="auto">{name}</h1>
          <p class="subtle">
            <span class={`badge${detail.isKnown ? " badge-brand" : ""}`}>{detail.isKnown ? "Identified customer" : "Not identified"}</span>{" "}
            {presenceText(detail.presence)} · first seen {dateTime(detail.firstSeen)} · last seen {dateTime(detail.lastSeenAt)}
          </p>
          <p class="subtle mono">{detail.contactId}</p>
        </div>
      </header>
      {detail.mergedInto && (
        <p class="ct-merged" role="status">
          This visitor was merged into <button type="button" class="link-btn" onClick={() => void contacts.open(detail.mergedInto!)}>{detail.mergedInto}</button>; their history is there now.
        </p>
      )}
      <section class="ctx-section" aria-labelledby="ct-attributes">
        <h3 id="ct-attributes"><TagIcon size={16} />Attributes<span class="badge">{attributes.length}</span></h3>
        {attributes.length === 0 ? <p class="subtle">Nothing known yet.</p> : (
          <dl class="facts" data-testid="contact-attributes">
            {attributes.map(([key, value]) => <div key={key}><dt>{key}</dt><dd dir="auto">{value}</dd></div>)}
          </dl>
        )}
        {detail.mergedVisitorIds.length > 0 && <p class="subtle ct-note">Merged visitors: {detail.mergedVisitorIds.join(", ")}</p>}
      </section>
      <Conversations workspace={workspace} detail={detail} />
      {!detail.isKnown && detail.contactId.startsWith("v_") && !detail.mergedInto && <MergeForm contacts={contacts} />}
    </div>
  );
}

function Conversations({ workspace, detail }: { workspace: Workspace; detail: ContactDetail }) {
  const inbox = workspace.inbox;
  function open(conversationId: string) {
    workspace.mode.value = "inbox";
    inbox.openConversation(conversationId);
  }
  return (
    <section class="ctx-section" aria-labelledby="ct-conversations" data-testid="contact-conversations">
      <h3 id="ct-conversations"><InboxIcon size={16} />Conversations<span class="badge">{detail.conversations.length}{detail.conversationsNext ? "+" : ""}</span></h3>
      {detail.conversations.length === 0 ? <p class="subtle">No conversations you can see.</p> : (
        <ul class="history ib-contact-list">
          {detail.conversations.map((c) => (
            <li key={c.conversationId}>
              <span class="badge">{channelNames[c.channel] ?? c.channel}</span>
              <div>
                <button type="button" class="link-btn ib-contact-open" onClick={() => open(c.conversationId)}>{c.subject ?? c.preview ?? "Conversation"}</button>
                <span class="subtle">{statusNames[c.status]} · {inbox.queueName(c.queueId)} · {dateTime(c.lastActivityAt)}{c.sessionIds.length > 0 ? ` · ${c.sessionIds.length} live ${c.sessionIds.length === 1 ? "chat" : "chats"}` : ""}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Merging this anonymous visitor into an identified customer, named by id (the known ones listed are offered). */
function MergeForm({ contacts }: { contacts: ContactsStore }) {
  const [into, setInto] = useState("");
  const field = useRef<HTMLInputElement>(null);
  const error = contacts.mergeError.value;
  const known = contacts.list.value.filter((c) => c.isKnown);
  async function submit(event: Event) {
    event.preventDefault();
    if (await contacts.merge(into)) setInto("");
    else field.current?.focus();
  }
  return (
    <section class="ctx-section" aria-labelledby="ct-merge">
      <h3 id="ct-merge"><UsersIcon size={16} />Merge into a customer</h3>
      <form class="ct-merge" onSubmit={submit} noValidate>
        <p class="subtle">When this visitor is a customer you know, merge them: their attributes, chats and conversations move to the customer, whole.</p>
        <label class="field" for="ct-merge-into"><span>Customer id</span></label>
        <div class="ib-search-row">
          <input ref={field} id="ct-merge-into" class="input" list="ct-known" value={into} autocomplete="off" data-testid="merge-into"
            aria-invalid={!!error || undefined} aria-describedby={error ? "ct-merge-error" : undefined} onInput={(e) => setInto(e.currentTarget.value)} />
          <button type="submit" class="btn btn-sm btn-primary" disabled={contacts.merging.value}>{contacts.merging.value ? "Merging…" : "Merge"}</button>
        </div>
        <datalist id="ct-known">{known.map((c) => <option key={c.contactId} value={c.contactId}>{contactLabel(c)}</option>)}</datalist>
        {error && <p id="ct-merge-error" class="error-text" role="alert">{error}</p>}
      </form>
    </section>
  );
}
