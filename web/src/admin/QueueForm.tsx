import { useState } from "preact/hooks";
import type { AdminApi } from "./api";
import type { FieldAsk, PreChatForm, QueueDefinition } from "./types";
import { businessHours, duration, durationSeconds, formatWeekly, joinList, splitList } from "./forms";
import { FormError } from "./FormError";
import { TextField } from "./TextField";
import { RoutingFields } from "./RoutingFields";
import { routingPolicy, routingRows } from "./routingForm";
import { SlaFields } from "./SlaFields";
import { slaPolicy, slaRows } from "./slaForm";

const asks: FieldAsk[] = ["hidden", "optional", "required"];

/**
 * Creates a queue, or edits one (its id stays); settings this form does not show are sent back unchanged. `queues`
 * are all the queues, for the steps that overflow to another.
 */
export function QueueForm({ api, queue, queues, onSaved }: { api: AdminApi; queue: QueueDefinition | null; queues: QueueDefinition[]; onSaved: () => void }) {
  const [queueId, setQueueId] = useState(queue?.queueId ?? "");
  const [name, setName] = useState(queue?.name ?? "");
  const [skills, setSkills] = useState(joinList(queue?.skills ?? []));
  const [offer, setOffer] = useState(String(durationSeconds(queue?.offerTimeout ?? "00:00:20") ?? 20));
  const [sla, setSla] = useState(String(durationSeconds(queue?.slaTarget ?? "00:01:00") ?? 60));
  const [timeZone, setTimeZone] = useState(queue?.hours?.timeZone ?? "");
  const [weekly, setWeekly] = useState(formatWeekly(queue?.hours?.weekly ?? []));
  const [holidays, setHolidays] = useState(joinList(queue?.hours?.holidays ?? []));
  const [askName, setAskName] = useState<FieldAsk>(queue?.preChatForm?.name ?? "hidden");
  const [askEmail, setAskEmail] = useState<FieldAsk>(queue?.preChatForm?.email ?? "hidden");
  const [consent, setConsent] = useState(queue?.preChatForm?.consent?.text ?? "");
  const [retention, setRetention] = useState(queue?.retentionDays?.toString() ?? "");
  const [routing, setRouting] = useState(() => routingRows(queue?.routing));
  const [slaTargets, setSlaTargets] = useState(() => slaRows(queue?.sla));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function save(event: Event) {
    event.preventDefault();
    const hours = businessHours(timeZone, weekly, holidays);
    if ("error" in hours) return setError(new Error(hours.error));
    const policy = routingPolicy(routing);
    if ("error" in policy) return setError(new Error(policy.error));
    const slaPolicyOf = slaPolicy(slaTargets);
    if ("error" in slaPolicyOf) return setError(new Error(slaPolicyOf.error));
    const form: PreChatForm = {
      ...(queue?.preChatForm ?? { fields: [] }),
      name: askName,
      email: askEmail,
      consent: consent.trim() ? { text: consent.trim(), required: true } : null,
    };
    const { queueId: _queueId, ...kept } = queue ?? ({} as Partial<QueueDefinition>);
    const body = {
      ...kept,
      name,
      skills: splitList(skills),
      offerTimeout: duration(Number(offer)),
      slaTarget: duration(Number(sla)),
      hours: hours.hours,
      preChatForm: form,
      retentionDays: retention.trim() ? Number(retention) : null,
      routing: policy.routing,
      sla: slaPolicyOf.sla,
    };
    setBusy(true);
    setError(null);
    try {
      if (queue) await api.updateQueue(queue.queueId, body);
      else await api.createQueue({ queueId, ...body });
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card adm-form" onSubmit={save} aria-label={queue ? `Edit queue ${queue.name}` : "New queue"}>
      <div class="card-head"><h2>{queue ? `Edit ${queue.name}` : "New queue"}</h2></div>
      <div class="card-body adm-grid">
        {!queue && <TextField label="Queue id" value={queueId} onInput={setQueueId} required />}
        <TextField label="Name" value={name} onInput={setName} required />
        <TextField label="Skills (comma separated)" value={skills} onInput={setSkills} />
        <TextField label="Offer timeout (seconds)" type="number" value={offer} onInput={setOffer} />
        <TextField label="SLA target (seconds)" type="number" value={sla} onInput={setSla} />
        <TextField label="Retention (days, empty: keep)" type="number" value={retention} onInput={setRetention} />
        <TextField label="Time zone (empty: always open)" value={timeZone} onInput={setTimeZone} placeholder="Europe/Berlin" />
        <label class="field adm-wide">
          <span>Opening hours (one span a line: monday 09:00-17:00)</span>
          <textarea class="textarea" value={weekly} onInput={(e) => setWeekly(e.currentTarget.value)} />
        </label>
        <TextField label="Holidays (YYYY-MM-DD, comma separated)" value={holidays} onInput={setHolidays} />
        <AskSelect label="Pre-chat: ask the name" value={askName} onChange={setAskName} />
        <AskSelect label="Pre-chat: ask the email" value={askEmail} onChange={setAskEmail} />
        <TextField label="Pre-chat: consent text (empty: none)" value={consent} onInput={setConsent} />
        <RoutingFields rows={routing} onChange={setRouting} others={queues.filter((q) => q.queueId !== (queue?.queueId ?? queueId))} />
        <SlaFields rows={slaTargets} onChange={setSlaTargets} />
      </div>
      <div class="adm-foot">
        <FormError error={error} />
        <button class="btn btn-primary" type="submit" disabled={busy}>{queue ? "Save queue" : "Create queue"}</button>
      </div>
    </form>
  );
}

function AskSelect({ label, value, onChange }: { label: string; value: FieldAsk; onChange: (value: FieldAsk) => void }) {
  return (
    <label class="field">
      <span>{label}</span>
      <select class="select" value={value} onChange={(e) => onChange(e.currentTarget.value as FieldAsk)}>
        {asks.map((ask) => <option key={ask} value={ask}>{ask}</option>)}
      </select>
    </label>
  );
}
