import { useMemo, useState } from "preact/hooks";
import type { LoginResponse } from "../shared/protocol";
import { Avatar } from "../shared/ui";
import { BrandMark, LogoutIcon } from "../shared/icons";
import { AdminApi } from "./api";
import { QueuesTab } from "./QueuesTab";
import { AgentsTab } from "./AgentsTab";
import { CannedTab } from "./CannedTab";
import { RulesTab } from "./RulesTab";
import { AuditTab } from "./AuditTab";
import { WidgetTab } from "./WidgetTab";
import { FormError } from "./FormError";
import { useOrleansDashboard } from "../operator/orleansDashboard";

const tabs = [
  { id: "queues", label: "Queues", Page: QueuesTab },
  { id: "agents", label: "Agents", Page: AgentsTab },
  { id: "canned", label: "Canned responses", Page: CannedTab },
  { id: "rules", label: "Proactive rules", Page: RulesTab },
  { id: "widget", label: "Widget", Page: WidgetTab },
  { id: "audit", label: "Audit log", Page: AuditTab },
] as const;

/** The admin pages: one tab per thing an admin configures, and the audit log. */
export function AdminApp({ login, onSignedOut }: { login: LoginResponse; onSignedOut: () => void }) {
  const api = useMemo(() => new AdminApi(login.token), [login]);
  const [tab, setTab] = useState<(typeof tabs)[number]["id"]>("queues");
  const Page = tabs.find((t) => t.id === tab)!.Page;
  const [openOrleansDashboard, orleansError] = useOrleansDashboard(login.token);

  return (
    <div class="adm">
      <header class="adm-top">
        <a class="adm-brand" href="/admin/"><BrandMark name="Engagement" size={28} /><span class="product">Admin</span></a>
        <nav class="tabs" role="tablist" aria-label="Settings">
          {tabs.map((t) => (
            <button key={t.id} role="tab" type="button" aria-selected={tab === t.id} onClick={() => setTab(t.id)}>{t.label}</button>
          ))}
        </nav>
        <div class="adm-user">
          <a class="btn btn-sm btn-ghost" href="/dashboard/">Dashboard</a>
          <a class="btn btn-sm btn-ghost" href="/operator/">Cluster</a>
          <button class="btn btn-sm btn-ghost" type="button" onClick={openOrleansDashboard}>Orleans dashboard</button>
          <Avatar id={login.agentId} name={login.name} size="sm" />
          <strong>{login.name}</strong>
          <button class="btn btn-ghost icon-btn" type="button" aria-label="Sign out" title="Sign out" onClick={onSignedOut}><LogoutIcon size={18} /></button>
        </div>
      </header>
      <main class="adm-main">
        <FormError error={orleansError} />
        <Page api={api} />
      </main>
    </div>
  );
}
