import { useMemo } from "preact/hooks";
import type { LoginResponse } from "../shared/protocol";
import { Avatar } from "../shared/ui";
import { BrandMark, LogoutIcon } from "../shared/icons";
import { FormError } from "../admin/FormError";
import { OperatorApi } from "./api";
import { ClusterPage } from "./ClusterPage";
import { useOrleansDashboard } from "./orleansDashboard";

/** The operators' pages: the cluster view, and the way into the Orleans dashboard. Admins see them too. */
export function OperatorApp({ login, onSignedOut }: { login: LoginResponse; onSignedOut: () => void }) {
  const api = useMemo(() => new OperatorApi(login.token), [login]);
  const [openOrleansDashboard, orleansError] = useOrleansDashboard(login.token);

  return (
    <div class="adm">
      <header class="adm-top">
        <a class="adm-brand" href="/operator/"><BrandMark name="Engagement" size={28} /><span class="product">Cluster</span></a>
        <div class="adm-user">
          {login.role === "admin" && <a class="btn btn-sm btn-ghost" href="/admin/">Admin</a>}
          <button class="btn btn-sm btn-ghost" type="button" onClick={openOrleansDashboard}>Orleans dashboard</button>
          <Avatar id={login.agentId} name={login.name} size="sm" />
          <strong>{login.name}</strong>
          <button class="btn btn-ghost icon-btn" type="button" aria-label="Sign out" title="Sign out" onClick={onSignedOut}><LogoutIcon size={18} /></button>
        </div>
      </header>
      <main class="adm-main">
        <FormError error={orleansError} />
        <ClusterPage api={api} />
      </main>
    </div>
  );
}
