import type { SessionEntry } from "./sessionEntry";
import type { Workspace } from "./store";
import { ContactConversations } from "./ContactConversations";
import type { CustomerContext } from "../shared/protocol";
import { useNow } from "../shared/ui";
import { clockTime, dateTime, localTimeIn, shortDuration } from "../shared/time";
import { ClockIcon, CloudIcon, CpuIcon, HistoryIcon, PathIcon, PinIcon, TagIcon, UserIcon, BoltIcon } from "../shared/icons";
import type { JSX } from "preact";

/**
 * The live context of the session's customer: the four context clues (who and in what role, local time,
 * location, weather), the page trail, device signals, facts, recent events, history, and every conversation with
 * them (any channel; one opens in the shared inbox). Updated by customerContext events; the local time ticks from
 * the customer's time zone.
 */
export function ContextPanel({ workspace, entry }: { workspace: Workspace; entry: SessionEntry }) {
  const context = entry.context.value;
  const now = useNow();
  if (!context) {
    return (
      <div class="context">
        <div class="empty"><p>{entry.unavailable.value.context ? "Live context is not available on this server." : "Loading context…"}</p></div>
        <History entry={entry} />
        <Conversations workspace={workspace} entry={entry} />
      </div>
    );
  }
  // Facts the identity card already shows are not repeated.
  const facts = Object.entries(context.facts).filter(([k]) => !shownInIdentity.has(k.toLowerCase()));
  return (
    <div class="context" data-testid="context-panel">
      <Identity context={context} entry={entry} now={now} />
      <div class="clues">
        <LocalTime context={context} now={now} />
        <Clue icon={<PinIcon size={16} />} label="Location" testId="ctx-location">
          {context.location ? <>
            <strong>{[context.location.city, context.location.country].filter(Boolean).join(", ") || "Coordinates only"}</strong>
            <span>{context.location.region ?? (context.location.latitude != null ? `${context.location.latitude.toFixed(2)}, ${context.location.longitude?.toFixed(2)}` : "")}</span>
          </> : <span class="subtle">Unknown</span>}
        </Clue>
        <Clue icon={<CloudIcon size={16} />} label="Weather" testId="ctx-weather">
          {context.weather ? <>
            <strong>{context.weather.temperatureC != null ? `${Math.round(context.weather.temperatureC)}°C` : ""} {context.weather.summary}</strong>
            <span>as of {clockTime(context.weather.observedAt)}</span>
          </> : <span class="subtle">Unknown</span>}
        </Clue>
      </div>
      <Section icon={<PathIcon size={16} />} title="Page trail" count={context.pageTrail.length} testId="ctx-trail">
        {context.pageTrail.length === 0 ? <p class="subtle">No pages yet.</p> : (
          <ol class="trail">
            {context.pageTrail.slice(0, 8).map((p, i) => (
              <li key={`${p.at}-${i}`} class={i === 0 ? "current" : ""}>
                <span class="trail-title">{p.title ?? p.url}</span>
                <span class="trail-meta"><span class="mono">{p.url}</span> · {i === 0 ? `${shortDuration(now - Date.parse(p.at))} on page` : clockTime(p.at)}</span>
              </li>
            ))}
          </ol>
        )}
      </Section>
      <Section icon={<CpuIcon size={16} />} title="Device signals" count={context.devices.length} testId="ctx-devices">
        {context.devices.length === 0 ? <p class="subtle">No devices reporting.</p> : (
          <ul class="readings">
            {context.devices.map((d) => (
              <li key={`${d.deviceId}/${d.name}`} data-testid="device-reading">
                <span><strong>{d.name}</strong><span class="subtle">{d.deviceId}</span></span>
                <span class="reading-value num">{d.value}{d.unit ? ` ${d.unit}` : ""}<span class="subtle">{clockTime(d.at)}</span></span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      {facts.length > 0 && (
        <Section icon={<TagIcon size={16} />} title="Facts" count={facts.length}>
          <dl class="facts">
            {facts.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v}</dd></div>)}
          </dl>
        </Section>
      )}
      {context.recentEvents.length > 0 && (
        <Section icon={<BoltIcon size={16} />} title="Recent events" count={context.recentEvents.length} testId="ctx-events">
          <ul class="events">
            {context.recentEvents.slice(0, 6).map((e, i) => (
              <li key={`${e.at}-${i}`}><strong>{e.name}</strong> <span class="subtle">{clockTime(e.at)}</span>
                {Object.keys(e.values).length > 0 && <span class="mono event-values">{Object.entries(e.values).map(([k, v]) => `${k}=${v}`).join(" ")}</span>}
              </li>
            ))}
          </ul>
        </Section>
      )}
      <History entry={entry} />
      <Conversations workspace={workspace} entry={entry} />
    </div>
  );
}

/** The customer's conversations, this chat's marked; another opens in the shared inbox. */
function Conversations({ workspace, entry }: { workspace: Workspace; entry: SessionEntry }) {
  const customerId = entry.customerId;
  if (!customerId) return null;
  return (
    <ContactConversations inbox={workspace.inbox} contactId={customerId} isCurrent={(c) => c.sessionIds.includes(entry.sessionId)}
      onOpen={(id) => { workspace.mode.value = "inbox"; workspace.inbox.openConversation(id); }} />
  );
}

const shownInIdentity = new Set(["name", "email", "role", "company", "plan"]);

function Identity({ context, entry, now }: { context: CustomerContext; entry: SessionEntry; now: number }) {
  const facts = context.facts;
  return (
    <section class="identity" aria-label="Who">
      <div class="identity-icon" aria-hidden="true"><UserIcon size={18} /></div>
      <div>
        <strong data-testid="ctx-name">{entry.customerName}</strong> {context.isKnown ? <span class="badge badge-brand">Known customer</span> : <span class="badge">Anonymous</span>}
        <p class="muted">{[context.role, context.company].filter(Boolean).join(" · ") || "Role unknown"}</p>
        {(facts.email || facts.plan) && <p class="subtle">{[facts.email, facts.plan && `${facts.plan} plan`].filter(Boolean).join(" · ")}</p>}
        {context.onSiteSince && <p class="subtle" data-testid="ctx-on-site">On site for {shortDuration(now - Date.parse(context.onSiteSince))}</p>}
      </div>
    </section>
  );
}

function LocalTime({ context, now }: { context: CustomerContext; now: number }) {
  const zone = context.timeZone ?? context.location?.timeZone ?? null;
  const local = zone ? localTimeIn(zone, now) : null;
  return (
    <Clue icon={<ClockIcon size={16} />} label="Local time" testId="ctx-local-time">
      {local ? <>
        <strong class="num">{local.time} <span class="subtle">{local.day}</span></strong>
        <span>{local.partOfDay} · {zone} ({local.offset})</span>
      </> : <span class="subtle">Unknown time zone</span>}
    </Clue>
  );
}

function Clue({ icon, label, children, testId }: { icon: JSX.Element; label: string; children: JSX.Element | JSX.Element[] | string | null; testId?: string }) {
  return (
    <div class="clue" data-testid={testId}>
      <span class="clue-label">{icon}{label}</span>
      <div class="clue-value">{children}</div>
    </div>
  );
}

function Section({ icon, title, count, children, testId }: { icon: JSX.Element; title: string; count?: number; children: JSX.Element | JSX.Element[]; testId?: string }) {
  return (
    <section class="ctx-section" data-testid={testId} aria-label={title}>
      <h3>{icon}{title}{count !== undefined && <span class="badge">{count}</span>}</h3>
      {children}
    </section>
  );
}

function History({ entry }: { entry: SessionEntry }) {
  const history = entry.history.value;
  return (
    <Section icon={<HistoryIcon size={16} />} title="History" count={history?.length} testId="ctx-history">
      {history === null ? <p class="subtle">{entry.unavailable.value.history ? "History is not available on this server." : "Loading…"}</p>
        : history.length === 0 ? <p class="subtle">First conversation with this customer.</p> : (
          <ul class="history">
            {history.slice(0, 10).map((h, i) => (
              <li key={`${h.at}-${i}`} class={h.sessionId === entry.sessionId ? "current" : ""}>
                <span class="badge">{h.channel}</span>
                <div><span>{h.summary}</span><span class="subtle">{dateTime(h.at)}{h.outcome ? ` · ${h.outcome}` : ""}</span></div>
              </li>
            ))}
          </ul>
        )}
    </Section>
  );
}
