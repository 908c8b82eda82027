import { useState } from "preact/hooks";
import type { AdminApi } from "./api";
import type { ProactiveRule } from "./types";
import { useLoad } from "./useLoad";
import { FormError } from "./FormError";
import { TableCard } from "./TableCard";
import { TextField } from "./TextField";

const blank: ProactiveRule = {
  ruleId: "", name: "", enabled: true, pagePattern: "", minSecondsOnPage: null, returningWithinDays: null,
  requireOpenSession: false, action: "inviteVisitor", message: "", queueId: "",
};

/** Proactive invitation rules: the API replaces the whole list, so each change sends every rule. */
export function RulesTab({ api }: { api: AdminApi }) {
  const rules = useLoad(api.rules);
  const queues = useLoad(api.queues);
  const [draft, setDraft] = useState<ProactiveRule>(blank);
  const [seconds, setSeconds] = useState("");
  const [error, setError] = useState<unknown>(null);
  const set = (change: Partial<ProactiveRule>) => setDraft((d) => ({ ...d, ...change }));

  async function replace(next: ProactiveRule[]) {
    setError(null);
    try {
      await api.replaceRules(next);
      setDraft(blank);
      setSeconds("");
      rules.reload();
    } catch (e) {
      setError(e);
    }
  }

  const current = rules.data ?? [];
  const add = (event: Event) => {
    event.preventDefault();
    const rule = { ...draft, pagePattern: draft.pagePattern || null, minSecondsOnPage: seconds ? Number(seconds) : null };
    void replace([...current.filter((r) => r.ruleId !== rule.ruleId), rule]);
  };

  return (
    <section class="adm-tab" aria-label="Proactive rules">
      <TableCard label="Proactive rules">
        <table class="table">
          <thead><tr><th>Rule</th><th>Page</th><th>After</th><th>Action</th><th>Queue</th><th>Enabled</th><th /></tr></thead>
          <tbody>
            {current.map((r) => (
              <tr key={r.ruleId}>
                <th><strong>{r.name}</strong><span class="mono">{r.ruleId}</span></th>
                <td>{r.pagePattern ?? "any"}</td>
                <td>{r.minSecondsOnPage ? `${r.minSecondsOnPage} s` : "—"}</td>
                <td>{r.action}</td>
                <td>{r.queueId}</td>
                <td>
                  <input type="checkbox" aria-label={`${r.name} enabled`} checked={r.enabled}
                    onChange={() => void replace(current.map((x) => x.ruleId === r.ruleId ? { ...x, enabled: !x.enabled } : x))} />
                </td>
                <td><button class="btn btn-sm btn-ghost" type="button" onClick={() => void replace(current.filter((x) => x.ruleId !== r.ruleId))}>Remove</button></td>
              </tr>
            ))}
          </tbody>
        </table>
        <FormError error={rules.error} />
      </TableCard>
      <form class="card adm-form" onSubmit={add} aria-label="New proactive rule">
        <div class="card-head"><h2>Add or replace a rule</h2></div>
        <div class="card-body adm-grid">
          <TextField label="Rule id" value={draft.ruleId} onInput={(ruleId) => set({ ruleId })} required />
          <TextField label="Name" value={draft.name} onInput={(name) => set({ name })} required />
          <TextField label="Page path contains" value={draft.pagePattern ?? ""} onInput={(pagePattern) => set({ pagePattern })} placeholder="/pricing" />
          <TextField label="Seconds on the page" type="number" value={seconds} onInput={setSeconds} />
          <label class="field">
            <span>Action</span>
            <select class="select" value={draft.action} onChange={(e) => set({ action: e.currentTarget.value as ProactiveRule["action"] })}>
              <option value="inviteVisitor">invite the visitor</option>
              <option value="notifyAgents">notify agents</option>
            </select>
          </label>
          <label class="field">
            <span>Queue of accepted invitations</span>
            <select class="select" value={draft.queueId} required onChange={(e) => set({ queueId: e.currentTarget.value })}>
              <option value="">choose…</option>
              {(queues.data ?? []).map((q) => <option key={q.queueId} value={q.queueId}>{q.name}</option>)}
            </select>
          </label>
          <TextField label="Message" value={draft.message} onInput={(message) => set({ message })} required />
        </div>
        <div class="adm-foot">
          <FormError error={error} />
          <button class="btn btn-primary" type="submit">Save rule</button>
        </div>
      </form>
    </section>
  );
}
