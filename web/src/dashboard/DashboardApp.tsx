import { useEffect, useMemo } from "preact/hooks";
import type { LoginResponse } from "../shared/protocol";
import { Dashboard } from "./store";
import { Avatar, useNow } from "../shared/ui";
import { BrandMark, LogoutIcon } from "../shared/icons";
import { Kpis } from "./Kpis";
import { QueuesTable } from "./QueuesTable";
import { AgentsPanel } from "./AgentsPanel";
import { OutcomesPanel } from "./OutcomesPanel";
import { HistoryPanel } from "./reports/HistoryPanel";
import { SlaPanel } from "./SlaPanel";

/** Per-queue figures, agents by presence and load, and service quality, all pushed live over the hub; below, the history. */
export function DashboardApp({ login, onSignedOut }: { login: LoginResponse; onSignedOut: () => void }) {
  const dashboard = useMemo(() => new Dashboard(login, onSignedOut), [login]);
  useEffect(() => {
    void dashboard.connection.start().catch(() => {});
    return () => void dashboard.connection.stop();
  }, [dashboard]);
  const now = useNow();
  const snapshot = dashboard.snapshot.value;
  const sla = dashboard.sla.value;
  const link = dashboard.link.value;

  return (
    <div class="db">
      <header class="db-top">
        <a class="db-brand" href="/dashboard/"><BrandMark name="Engagement" size={28} /><span class="product">Supervisor dashboard</span></a>
        <span class={`live live-${link}`} role="status" aria-live="polite">
          <span class="live-dot" aria-hidden="true" />
          {link === "connected" ? "Live" : link === "connecting" ? "Connecting…" : "Reconnecting…"}
          {snapshot && <span class="live-at">updated {new Date(snapshot.at).toLocaleTimeString()}</span>}
        </span>
        <div class="db-user">
          <a class="btn btn-sm btn-ghost" href="/workspace/">Workspace</a>
          <Avatar id={login.agentId} name={login.name} size="sm" />
          <strong>{login.name}</strong>
          <button class="btn btn-ghost icon-btn" type="button" aria-label="Sign out" title="Sign out"
            onClick={async () => { await dashboard.connection.stop(); onSignedOut(); }}><LogoutIcon size={18} /></button>
        </div>
      </header>
      <main class="db-main">
        <div class="db-heading">
          <h1>Today at a glance</h1>
          <p class="muted">Every figure updates the moment something happens: answers, abandons, ratings, closes, presence.</p>
        </div>
        {dashboard.error.value && <p class="card db-error" role="alert">{dashboard.error.value}</p>}
        {snapshot ? (
          <>
            <Kpis snapshot={snapshot} now={now} />
            <div class="db-grid">
              <QueuesTable snapshot={snapshot} now={now} />
              <AgentsPanel snapshot={snapshot} now={now} />
            </div>
            {sla && <SlaPanel board={sla} snapshot={snapshot} now={now} />}
            <OutcomesPanel snapshot={snapshot} />
          </>
        ) : !dashboard.error.value && <div class="card db-loading">Loading the dashboard…</div>}
        <HistoryPanel login={login} />
      </main>
    </div>
  );
}
