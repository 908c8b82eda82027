import { useEffect, useRef, useState } from "preact/hooks";
import type { ClusterSilo, ClusterSnapshot } from "../shared/protocol";
import { describe } from "../shared/errors";
import { shortDuration, since } from "../shared/time";
import { useNow } from "../shared/ui";
import { FormError } from "../admin/FormError";
import type { OperatorApi } from "./api";
import { bytes, canDrain, connectionsOf, cpu, othersTakingClients, refreshMs, siloName, siloState, totals } from "./cluster";

/** Every silo with its load and connections, asked again every few seconds; a drain per silo, after a confirmation. */
export function ClusterPage({ api }: { api: OperatorApi }) {
  const [snapshot, setSnapshot] = useState<ClusterSnapshot | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState<ClusterSilo | null>(null);
  const now = useNow(1000);

  const asking = useRef(false);

  async function refresh() {
    // A silo that is dying can hold an answer up for a while: one question at a time, never a pile of them.
    if (asking.current) return;
    asking.current = true;
    try {
      setSnapshot(await api.cluster());
      setError(null);
    } catch (e) {
      setError(e); // the last view stays on screen; the next round tries again
    } finally {
      asking.current = false;
    }
  }

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => { if (!document.hidden) void refresh(); }, refreshMs);
    return () => clearInterval(timer);
  }, [api]);

  if (!snapshot) return <section class="adm-tab" aria-busy={!error}>{error ? <FormError error={error} /> : <p class="muted">Loading the cluster…</p>}</section>;
  const sum = totals(snapshot);

  return (
    <section class="adm-tab" aria-labelledby="cluster-title">
      <div class="ops-head">
        <h1 id="cluster-title">Cluster</h1>
        <span class="muted" data-testid="cluster-updated">updated {shortDuration(Math.max(0, since(snapshot.at, now) ?? 0))} ago · every {refreshMs / 1000} s</span>
      </div>
      <FormError error={error} />
      <section class="ops-figures" aria-label="Cluster figures">
        <Figure id="silos" label="Silos taking work" value={sum.silos} sub={sum.draining ? `${sum.draining} draining` : "none draining"} />
        <Figure id="visitors" label="Visitor connections" value={sum.visitors} sub="widgets and SDKs" />
        <Figure id="agents" label="Staff connections" value={sum.agents} sub="workspaces and dashboards" />
        <Figure id="activations" label="Grain activations" value={sum.activations} sub="Orleans, all silos" />
      </section>
      <div class="card table-wrap" role="region" aria-label="Silos" tabIndex={0}>
        <table class="table ops-silos">
          <thead>
            <tr>
              <th scope="col">Silo</th><th scope="col">Status</th><th scope="col" class="num">Up for</th><th scope="col" class="num">CPU</th>
              <th scope="col" class="num">Memory</th><th scope="col" class="num">Activations</th><th scope="col" class="num">Visitors</th>
              <th scope="col" class="num">Staff</th><th scope="col"><span class="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {snapshot.silos.map((silo) => <SiloRow key={silo.silo} silo={silo} now={now} onDrain={() => setConfirming(silo)} />)}
          </tbody>
        </table>
      </div>
      {confirming && (
        <DrainDialog silo={confirming} others={othersTakingClients(snapshot, confirming)} api={api}
          onDone={(drained) => { setConfirming(null); if (drained) void refresh(); }} />
      )}
    </section>
  );
}

function SiloRow({ silo, now, onDrain }: { silo: ClusterSilo; now: number; onDrain: () => void }) {
  const state = siloState(silo);
  const connections = connectionsOf(silo);
  const closesIn = silo.draining && silo.closeAt ? Math.max(0, Date.parse(silo.closeAt) - now) : null;
  return (
    <tr data-testid={`silo-${silo.endpoint}`} data-status={silo.status} data-draining={silo.draining}>
      <th scope="row">
        <strong>{siloName(silo)}{silo.isThisNode && <span class="badge ops-here">this node</span>}</strong>
        <span class="mono">{silo.endpoint}{silo.host ? ` · ${silo.host}` : ""}</span>
      </th>
      <td>
        <span class={state.tone === "neutral" ? "badge" : `badge badge-${state.tone}`} data-testid="silo-status">{state.label}</span>
        {closesIn !== null && connections !== 0 && <span class="ops-note">closes the rest in {shortDuration(closesIn)}</span>}
      </td>
      <td class="num">{silo.status === "dead" ? "—" : shortDuration(Math.max(0, now - Date.parse(silo.startedAt)))}</td>
      <td class="num">{cpu(silo.cpuPercent)}</td>
      <td class="num">{bytes(silo.memoryBytes)}</td>
      <td class="num" data-testid="silo-activations">{silo.activations ?? "—"}</td>
      <td class="num" data-testid="silo-visitors">{silo.connections?.visitor ?? "—"}</td>
      <td class="num" data-testid="silo-agents">{silo.connections?.agent ?? "—"}</td>
      <td class="ops-actions">
        {canDrain(silo) && (
          <button class="btn btn-sm" type="button" onClick={onDrain} aria-label={`Drain ${siloName(silo)}`}>Drain</button>
        )}
      </td>
    </tr>
  );
}

function Figure({ id, label, value, sub }: { id: string; label: string; value: number; sub: string }) {
  return (
    <div class="card ops-figure" role="group" aria-labelledby={`fig-${id}`} data-testid={`figure-${id}`}>
      <span class="ops-figure-label" id={`fig-${id}`}>{label}</span>
      <span class="ops-figure-value num">{value}</span>
      <span class="ops-figure-sub">{sub}</span>
    </div>
  );
}

/** Confirms a drain: what will happen to the silo's clients, and whether another silo can take them. Esc cancels. */
function DrainDialog({ silo, others, api, onDone }: { silo: ClusterSilo; others: number; api: OperatorApi; onDone: (drained: boolean) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const drained = useRef(false);
  useEffect(() => { dialog.current?.showModal(); }, []);
  const connections = connectionsOf(silo);

  async function drain(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.drain(silo.silo);
      drained.current = true;
      dialog.current?.close();
    } catch (e) {
      setError(describe(e));
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialog} class="modal" aria-labelledby="drain-title" onClose={() => onDone(drained.current)}>
      <form onSubmit={drain}>
        <div class="modal-head"><h2 id="drain-title">Drain {siloName(silo)}?</h2></div>
        <div class="modal-body">
          <p>
            Its {connections === null ? "" : `${connections} `}connection{connections === 1 ? "" : "s"} will be told to reconnect to another silo,
            then it hands off its grains, leaves the cluster and its process exits. Start it again to bring it back.
          </p>
          {others === 0 && <p class="error-text">No other silo is taking work: its clients will have nowhere to go until one starts.</p>}
          {error && <p class="error-text" role="alert">{error}</p>}
        </div>
        <div class="modal-foot">
          <button class="btn" type="button" onClick={() => dialog.current?.close()}>Cancel</button>
          <button class="btn btn-danger" type="submit" disabled={busy}>{busy ? "Draining…" : "Drain silo"}</button>
        </div>
      </form>
    </dialog>
  );
}
