import { signal } from "@preact/signals";
import { LiveConnection, type LinkState } from "../shared/live";
import { AgentMethods as M } from "../shared/methods";
import { ServerError } from "../shared/errors";
import { withRetries } from "../shared/retry";
import { Events, type DashboardSnapshot, type LoginResponse, type SlaBoard } from "../shared/protocol";

/**
 * The supervisor dashboard's state: one DashboardSnapshot and the SLA board, each pushed by the server on every change
 * (never polled).
 */
export class Dashboard {
  readonly link = signal<LinkState>("connecting");
  readonly snapshot = signal<DashboardSnapshot | null>(null);
  /** Clocks at risk or in breach, and breaches per queue today; null until watched (or on a server without it). */
  readonly sla = signal<SlaBoard | null>(null);
  readonly error = signal<string | null>(null);
  readonly connection: LiveConnection;

  constructor(readonly login: LoginResponse, onSignedOut: () => void) {
    this.connection = new LiveConnection({
      url: () => "/hubs/agent?presence=off", // watching is not being available for offers
      token: () => {
        if (Date.parse(login.expiresAt) <= Date.now()) {
          onSignedOut();
          throw new Error("signed out");
        }
        return login.token;
      },
      // After every (re)connect, drain moves included: watch again (retried while the failure is transient: a node
      // going away); the reply is the current dashboard.
      resume: async () => {
        try {
          this.apply(await withRetries(() => this.connection.invoke<DashboardSnapshot>(M.watchDashboard)));
          this.error.value = null;
          this.applySla(await withRetries(() => this.connection.invoke<SlaBoard>(M.watchSla)));
        } catch (error) {
          this.error.value = error instanceof ServerError && error.code === "forbidden"
            ? "The dashboard is for supervisors and admins."
            : "The dashboard is not available on this server.";
        }
      },
      onState: (state) => (this.link.value = state),
    });
    this.connection.on<DashboardSnapshot>(Events.dashboard, (s) => this.apply(s));
    this.connection.on<SlaBoard>(Events.slaBoard, (b) => this.applySla(b));
  }

  private applySla(board: SlaBoard) {
    if ((this.sla.value?.version ?? -1) > board.version) return;
    this.sla.value = board;
  }

  private apply(snapshot: DashboardSnapshot) {
    if ((this.snapshot.value?.version ?? -1) > snapshot.version) return;
    this.snapshot.value = snapshot;
  }
}
