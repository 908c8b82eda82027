import { useState } from "preact/hooks";
import type { AdminApi } from "./api";
import type { AgentProfile } from "./types";
import { joinList } from "./forms";
import { useLoad } from "./useLoad";
import { FormError } from "./FormError";
import { TableCard } from "./TableCard";
import { AgentForm } from "./AgentForm";
import { skillsText } from "./routingForm";

/** Every staff account with role, skills (and their levels), capacity and queues; a form to invite or edit one. */
export function AgentsTab({ api }: { api: AdminApi }) {
  const agents = useLoad(api.agents);
  const queues = useLoad(api.queues);
  const [editing, setEditing] = useState<AgentProfile | null>(null);
  const [formKey, setFormKey] = useState(0);
  const saved = () => { setEditing(null); setFormKey((n) => n + 1); agents.reload(); };

  return (
    <section class="adm-tab" aria-label="Agents">
      <TableCard label="Staff accounts">
        <table class="table">
          <thead><tr><th>Name</th><th>Role</th><th>Skills</th><th>Capacity</th><th>Queues</th><th>Presence</th><th /></tr></thead>
          <tbody>
            {(agents.data ?? []).map(({ profile, status }) => (
              <tr key={profile.agentId}>
                <th><strong>{profile.displayName}</strong><span class="mono">{profile.email}</span></th>
                <td><span class="badge">{profile.role}</span></td>
                <td>{skillsText(profile.skills, profile.skillLevels) || "—"}</td>
                <td>{profile.capacity}</td>
                <td>{joinList(profile.queues) || "—"}</td>
                <td>{status.presence}</td>
                <td><button class="btn btn-sm btn-ghost" type="button" onClick={() => { setEditing(profile); setFormKey((n) => n + 1); }}>Edit</button></td>
              </tr>
            ))}
          </tbody>
        </table>
        <FormError error={agents.error} />
      </TableCard>
      <AgentForm key={formKey} api={api} agent={editing} queues={queues.data ?? []} onSaved={saved} />
    </section>
  );
}
