import { useRef, useState } from "preact/hooks";
import type { ComponentChildren } from "preact";
import type { InboxStore, SearchFilters } from "./inboxStore";
import { noSearchFilters } from "./inboxStore";
import type { ConversationStatus, ConversationView, SearchHit } from "../shared/protocol";
import { channels, countFor, snippetParts, statuses, type InboxFilter } from "./inboxState";
import { RadioGroup } from "../shared/RadioGroup";
import { Avatar } from "../shared/ui";
import { dateTime } from "../shared/time";
import { limits } from "../shared/limits";
import { channelNames, contactName, statusNames } from "./inboxText";

/** The middle column: the search box, then the chosen view's list (with its status) or the search's results. */
export function InboxList({ inbox }: { inbox: InboxStore }) {
  const search = inbox.search.value;
  return (
    <section class="ib-list" aria-label="Conversations list">
      <SearchForm inbox={inbox} />
      {search ? <SearchResults inbox={inbox} /> : <ViewList inbox={inbox} />}
    </section>
  );
}

function title(inbox: InboxStore, filter: InboxFilter): string {
  const facet = filter.facet;
  if (facet?.kind === "queue") return inbox.queueName(facet.value);
  if (facet?.kind === "channel") return channelNames[facet.value] ?? facet.value;
  if (facet?.kind === "label") return `Label: ${facet.value}`;
  return filter.view === "unassigned" ? "Unassigned" : filter.view === "mine" ? "Mine" : "All conversations";
}

function ViewList({ inbox }: { inbox: InboxStore }) {
  const filter = inbox.filter.value;
  const list = inbox.list.value;
  const state = inbox.listState.value;
  const scope = inbox.scope.value;
  const counts = inbox.counts.value;
  const options = statuses.map((status) => {
    const n = scope ? countFor(counts, scope, { ...filter, status }) : null;
    return {
      value: status, label: n === null ? statusNames[status] : `${statusNames[status]}, ${n}`,
      content: <>{statusNames[status]}{n !== null && <span class="ib-status-count">{n}</span>}</>,
    };
  });
  return (
    <>
      <div class="ib-list-head">
        <h2 id="ib-list-title" data-testid="list-title">{title(inbox, filter)}</h2>
        <RadioGroup class="segmented ib-status" label="Status" value={filter.status} options={options}
          onChange={(status: ConversationStatus) => inbox.choose({ ...filter, status })} />
      </div>
      <div class="ib-rows" aria-busy={state === "loading"}>
        {state === "error" && <p class="error-text ib-list-error" role="alert">{inbox.listError.value} <button type="button" class="link-btn" onClick={() => void inbox.reload()}>Try again</button></p>}
        {state !== "error" && list.length === 0 && <p class="rail-empty">{state === "loading" ? "Loading…" : `No ${statusNames[filter.status].toLowerCase()} conversations here.`}</p>}
        {list.length > 0 && (
          <RowList label={`${title(inbox, filter)}, ${statusNames[filter.status].toLowerCase()}`}>
            {list.map((c) => <ConversationRow key={c.conversationId} inbox={inbox} conversation={c} />)}
          </RowList>
        )}
        {inbox.next.value && <button type="button" class="btn btn-sm ib-more" onClick={() => void inbox.loadMore()}>Load more</button>}
      </div>
    </>
  );
}

/** A list of row buttons: Tab reaches each; ↑ and ↓ move between them too. */
function RowList({ label, children }: { label: string; children: ComponentChildren }) {
  const ref = useRef<HTMLUListElement>(null);
  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const rows = [...(ref.current?.querySelectorAll<HTMLButtonElement>(":scope > li > button") ?? [])];
    const at = rows.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    event.preventDefault();
    rows[Math.max(0, Math.min(rows.length - 1, at + (event.key === "ArrowDown" ? 1 : -1)))]?.focus();
  }
  return <ul ref={ref} class="convo-list ib-row-list" aria-label={label} onKeyDown={onKeyDown}>{children}</ul>;
}

function ConversationRow({ inbox, conversation: c }: { inbox: InboxStore; conversation: ConversationView }) {
  const selected = inbox.openId.value === c.conversationId;
  const name = contactName(c);
  return (
    <li>
      <button type="button" class={`convo-row ib-row${selected ? " selected" : ""}`} aria-current={selected ? "true" : undefined}
        data-testid="inbox-row" data-conversation={c.conversationId} onClick={() => inbox.openConversation(c.conversationId)}>
        <Avatar id={c.contactId} name={name} />
        <span class="convo-row-text">
          <span class="convo-row-top">
            <strong dir="auto">{name}</strong>
            <time dateTime={c.lastActivityAt}>{dateTime(c.lastActivityAt)}</time>
          </span>
          {c.subject && <span class="ib-row-subject" dir="auto">{c.subject}</span>}
          <span class="convo-row-last" dir="auto">{c.preview ?? "No messages yet"}</span>
          <span class="ib-row-meta">
            <span class="badge">{channelNames[c.channel] ?? c.channel}</span>
            <span class="subtle">{inbox.queueName(c.queueId)} · {inbox.agentName(c.assigneeId)}</span>
            {c.labels.slice(0, 3).map((l) => <span key={l} class="ib-label">{l}</span>)}
          </span>
        </span>
        {c.awaitingReply && <span class="ib-awaiting" title="Waiting for a reply"><span class="sr-only">Waiting for a reply</span></span>}
      </button>
    </li>
  );
}

// ---- search ----

function SearchForm({ inbox }: { inbox: InboxStore }) {
  const current = inbox.search.value;
  const [q, setQ] = useState(current?.q ?? "");
  const [filters, setFilters] = useState<SearchFilters>(current?.filters ?? noSearchFilters);
  const [showFilters, setShowFilters] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof SearchFilters) => (e: Event) => setFilters({ ...filters, [key]: (e.currentTarget as HTMLInputElement | HTMLSelectElement).value });
  const active = Object.values(filters).filter(Boolean).length;

  function submit(event: Event) {
    event.preventDefault();
    const text = q.trim();
    if (!text) return setError("Type words to search for.");
    if (text.length > limits.searchText) return setError(`Search for at most ${limits.searchText} characters.`);
    if (filters.from && filters.to && filters.from > filters.to) return setError("The first day comes after the last.");
    setError(null);
    void inbox.runSearch(text, filters);
  }

  return (
    <form role="search" class="ib-search" aria-label="Search transcripts" onSubmit={submit}>
      <div class="ib-search-row">
        <label class="sr-only" for="ib-q">Search all conversations</label>
        <input id="ib-q" class="input" type="search" value={q} placeholder="Search transcripts…" autocomplete="off"
          aria-invalid={error ? true : undefined} aria-describedby={error ? "ib-q-error" : undefined}
          onInput={(e) => setQ(e.currentTarget.value)} />
        <button type="button" class="btn btn-sm" aria-expanded={showFilters} aria-controls="ib-search-filters" onClick={() => setShowFilters(!showFilters)}>
          Filters{active > 0 && <span class="badge badge-brand">{active}</span>}
        </button>
        <button type="submit" class="btn btn-sm btn-primary">Search</button>
      </div>
      {error && <p id="ib-q-error" class="error-text">{error}</p>}
      <fieldset id="ib-search-filters" class="plain ib-search-filters" hidden={!showFilters}>
        <legend class="sr-only">Search filters</legend>
        <label class="field"><span>Status</span>
          <select class="select" value={filters.status} onChange={set("status")}>
            <option value="">Any status</option>
            {statuses.map((s) => <option key={s} value={s}>{statusNames[s]}</option>)}
          </select>
        </label>
        <label class="field"><span>Queue</span>
          <select class="select" value={filters.queue} onChange={set("queue")}>
            <option value="">Any queue</option>
            {inbox.queues.value.map((q) => <option key={q.queueId} value={q.queueId}>{q.name}</option>)}
          </select>
        </label>
        <label class="field"><span>Channel</span>
          <select class="select" value={filters.channel} onChange={set("channel")}>
            <option value="">Any channel</option>
            {channels.map((c) => <option key={c} value={c}>{channelNames[c]}</option>)}
          </select>
        </label>
        <label class="field"><span>Label</span>
          <input class="input" value={filters.label} placeholder="Any label" onInput={set("label")} />
        </label>
        <label class="field"><span>From</span><input class="input" type="date" value={filters.from} onInput={set("from")} /></label>
        <label class="field"><span>To</span><input class="input" type="date" value={filters.to} onInput={set("to")} /></label>
        {active > 0 && <button type="button" class="btn btn-sm btn-ghost" onClick={() => setFilters(noSearchFilters)}>Clear filters</button>}
      </fieldset>
    </form>
  );
}

function SearchResults({ inbox }: { inbox: InboxStore }) {
  const search = inbox.search.value!;
  const hits = search.hits;
  return (
    <>
      <div class="ib-list-head">
        <h2 id="ib-list-title" data-testid="list-title">Search</h2>
        <button type="button" class="btn btn-sm btn-ghost" onClick={() => inbox.clearSearch()}>Back to the list</button>
      </div>
      <div class="ib-rows" aria-busy={search.state === "loading"}>
        <p class="ib-search-summary" role="status">
          {search.state === "loading" ? "Searching…" : search.state === "error" ? "" : `${hits.length === 0 ? "Nothing" : hits.length === 1 ? "1 message" : `${hits.length} messages`} found for “${search.q}”.`}
        </p>
        {search.state === "error" && <p class="error-text ib-list-error" role="alert">{search.error}</p>}
        {hits.length > 0 && (
          <RowList label="Messages found">
            {hits.map((hit) => <HitRow key={`${hit.message.sessionId}#${hit.message.seq}`} inbox={inbox} hit={hit} />)}
          </RowList>
        )}
      </div>
    </>
  );
}

function HitRow({ inbox, hit }: { inbox: InboxStore; hit: SearchHit }) {
  const c = inbox.current(hit.conversation);
  const selected = inbox.openId.value === c.conversationId;
  return (
    <li>
      <button type="button" class={`convo-row ib-row${selected ? " selected" : ""}`} aria-current={selected ? "true" : undefined}
        data-testid="search-hit" onClick={() => inbox.openConversation(c.conversationId)}>
        <Avatar id={c.contactId} name={contactName(c)} />
        <span class="convo-row-text">
          <span class="convo-row-top">
            <strong dir="auto">{contactName(c)}</strong>
            <time dateTime={hit.message.at}>{dateTime(hit.message.at)}</time>
          </span>
          <Snippet text={hit.snippet} />
          <span class="ib-row-meta">
            <span class="badge">{statusNames[c.status]}</span>
            <span class="subtle">{hit.message.senderName} · {hit.message.sessionId === c.conversationId ? (channelNames[c.channel] ?? c.channel) : "live chat"}</span>
          </span>
        </span>
      </button>
    </li>
  );
}

/** The words found marked: text and <mark> elements, never the snippet as HTML. */
export function Snippet({ text }: { text: string }) {
  return (
    <span class="ib-snippet" dir="auto" data-testid="snippet">
      {snippetParts(text).map((part, i) => part.found ? <mark key={i}>{part.text}</mark> : part.text)}
    </span>
  );
}
