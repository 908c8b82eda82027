import { useState } from "preact/hooks";
import type { AdminApi } from "./api";
import type { QueueDefinition } from "./types";
import { durationSeconds, joinList } from "./forms";
import { useLoad } from "./useLoad";
import { FormError } from "./FormError";
import { TableCard } from "./TableCard";
import { QueueForm } from "./QueueForm";
import { routingSummary } from "./routingForm";
import { slaSummary } from "./slaForm";

/** Every queue with its main settings and routing; a form to create one or edit the one chosen. */
export function QueuesTab({ api }: { api: AdminApi }) {
  const queues = useLoad(api.queues);
  const [editing, setEditing] = useState<QueueDefinition | null>(null);
  const [formKey, setFormKey] = useState(0);
  const saved = () => { setEditing(null); setFormKey((n) => n + 1); queues.reload(); };

  return (
    <section class="adm-tab" aria-label="Queues">
      <TableCard label="Queues">
        <table class="table">
          <thead><tr><th>Queue</th><th>Skills</th><th>Offer</th><th>SLA</th><th>Hours</th><th>Pre-chat</th><th>Retention</th><th>Routing</th><th>SLA policy</th><th /></tr></thead>
          <tbody>
            {(queues.data ?? []).map((q) => (
              <tr key={q.queueId}>
                <th><strong>{q.name}</strong><span class="mono">{q.queueId}</span></th>
                <td>{joinList(q.skills) || "—"}</td>
                <td>{durationSeconds(q.offerTimeout)} s</td>
                <td>{durationSeconds(q.slaTarget)} s</td>
                <td>{q.hours ? `${q.hours.timeZone}, ${q.hours.weekly.length} spans` : "always open"}</td>
                <td>{q.preChatForm ? "yes" : "—"}</td>
                <td>{q.retentionDays ? `${q.retentionDays} days` : "kept"}</td>
                <td>{routingSummary(q.routing)}</td>
                <td>{slaSummary(q.sla)}</td>
                <td><button class="btn btn-sm btn-ghost" type="button" onClick={() => { setEditing(q); setFormKey((n) => n + 1); }}>Edit</button></td>
              </tr>
            ))}
          </tbody>
        </table>
        <FormError error={queues.error} />
      </TableCard>
      <QueueForm key={formKey} api={api} queue={editing} queues={queues.data ?? []} onSaved={saved} />
    </section>
  );
}
