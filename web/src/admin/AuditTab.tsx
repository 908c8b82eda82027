import { useEffect, useState } from "preact/hooks";
import type { AdminApi } from "./api";
import type { AuditEntry } from "./types";
import { FormError } from "./FormError";
import { TableCard } from "./TableCard";
import { TextField } from "./TextField";
import { describeSummary } from "./auditText";

/** The audit log, newest first, filtered by actor and action, a page at a time. */
export function AuditTab({ api }: { api: AdminApi }) {
  const [actor, setActor] = useState("");
  const [action, setAction] = useState("");
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function load(before: number | null) {
    setError(null);
    try {
      const page = await api.audit({ actor: actor.trim(), action: action.trim(), before });
      setEntries((current) => before ? [...current, ...page.entries] : page.entries);
      setNext(page.next);
    } catch (e) {
      setError(e);
    }
  }

  useEffect(() => void load(null), []);

  return (
    <section class="adm-tab" aria-label="Audit log">
      <form class="adm-filters" onSubmit={(e) => { e.preventDefault(); void load(null); }}>
        <TextField label="Actor (staff id)" value={actor} onInput={setActor} />
        <TextField label="Action (e.g. queue. or agent.create)" value={action} onInput={setAction} />
        <button class="btn" type="submit">Filter</button>
      </form>
      <FormError error={error} />
      <TableCard label="Audit entries">
        <table class="table">
          <thead><tr><th>When</th><th>Who</th><th>Action</th><th>Target</th><th>Change</th></tr></thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{new Date(e.at).toLocaleString()}</td>
                <td>{e.actorId} <span class="badge">{e.actorRole}</span></td>
                <td class="mono">{e.action}</td>
                <td>{e.targetKind} <span class="mono">{e.targetId ?? ""}</span></td>
                <td class="adm-text">{describeSummary(e.summary)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {entries.length === 0 && !error && <p class="empty">No entries.</p>}
      </TableCard>
      {next && <button class="btn" type="button" onClick={() => void load(next)}>Older entries</button>}
    </section>
  );
}
