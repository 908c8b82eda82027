import { useState } from "preact/hooks";
import type { StaffRole } from "../shared/protocol";
import type { AdminApi } from "./api";
import type { AgentProfile, QueueDefinition } from "./types";
import { joinList, splitList } from "./forms";
import { FormError } from "./FormError";
import { TextField } from "./TextField";
import { skillLevels } from "./routingForm";

const roles: StaffRole[] = ["agent", "supervisor", "admin", "operator"];

/**
 * Invites (creates) a staff account, or edits one; the password changes only when one is typed. Each skill has a
 * level (1–10, blank: 1) that queues' routing may ask for.
 */
export function AgentForm({ api, agent, queues, onSaved }: {
  api: AdminApi; agent: AgentProfile | null; queues: QueueDefinition[]; onSaved: () => void;
}) {
  const [displayName, setDisplayName] = useState(agent?.displayName ?? "");
  const [email, setEmail] = useState(agent?.email ?? "");
  const [role, setRole] = useState<StaffRole>(agent?.role ?? "agent");
  const [skills, setSkills] = useState(joinList(agent?.skills ?? []));
  const [capacity, setCapacity] = useState(String(agent?.capacity ?? 3));
  const [levels, setLevels] = useState<Record<string, string>>(
    Object.fromEntries(Object.entries(agent?.skillLevels ?? {}).map(([skill, level]) => [skill, String(level)])));
  const [chosen, setChosen] = useState<string[]>(agent?.queues ?? []);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function save(event: Event) {
    event.preventDefault();
    const levelled = skillLevels(splitList(skills), levels);
    if ("error" in levelled) return setError(new Error(levelled.error));
    const body = {
      displayName, email, role, skills: splitList(skills), capacity: Number(capacity), queues: chosen,
      title: agent?.title ?? null, photoUrl: agent?.photoUrl ?? null, password: password || null,
      skillLevels: levelled.skillLevels,
    };
    setBusy(true);
    setError(null);
    try {
      if (agent) await api.updateAgent(agent.agentId, body);
      else await api.createAgent(body);
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const toggle = (queueId: string) =>
    setChosen((current) => current.includes(queueId) ? current.filter((id) => id !== queueId) : [...current, queueId]);

  return (
    <form class="card adm-form" onSubmit={save} aria-label={agent ? `Edit ${agent.displayName}` : "New staff member"}>
      <div class="card-head"><h2>{agent ? `Edit ${agent.displayName}` : "Invite a staff member"}</h2></div>
      <div class="card-body adm-grid">
        <TextField label="Display name" value={displayName} onInput={setDisplayName} required />
        <TextField label="Email" type="email" value={email} onInput={setEmail} required />
        <label class="field">
          <span>Role</span>
          <select class="select" value={role} onChange={(e) => setRole(e.currentTarget.value as StaffRole)}>
            {roles.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
        <TextField label="Skills (comma separated)" value={skills} onInput={setSkills} />
        {splitList(skills).map((skill) => (
          <TextField key={skill} label={`Level of ${skill} (1–10)`} type="number" value={levels[skill] ?? "1"}
            onInput={(level) => setLevels((current) => ({ ...current, [skill]: level }))} />
        ))}
        <TextField label="Capacity (chats at once)" type="number" value={capacity} onInput={setCapacity} />
        <label class="field">
          <span>{agent ? "New password (empty: unchanged)" : "Password"}</span>
          <input class="input" type="password" autocomplete="new-password" value={password} required={!agent}
            onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        <fieldset class="field adm-wide adm-queues">
          <legend>Queues</legend>
          {queues.map((q) => (
            <label key={q.queueId} class="choice">
              <input type="checkbox" checked={chosen.includes(q.queueId)} onChange={() => toggle(q.queueId)} /> {q.name}
            </label>
          ))}
        </fieldset>
      </div>
      <div class="adm-foot">
        <FormError error={error} />
        <button class="btn btn-primary" type="submit" disabled={busy}>{agent ? "Save" : "Create account"}</button>
      </div>
    </form>
  );
}
