import { signal } from "@preact/signals";
import type { LiveConnection } from "../shared/live";
import { AgentMethods as M } from "../shared/methods";
import { withRetries } from "../shared/retry";
import { Events, type Invitation, type SiteVisitor, type SiteVisitorLeft } from "../shared/protocol";

/**
 * Visitors on the site now (docs/protocol.md, "Agent hub: context, visitors on site, invitations"): watched on every (re)connect, kept
 * live by `siteVisitor` and `siteVisitorLeft` batches, where an entry older than the one held is ignored (a batch
 * and the watch's reply may cross). `invite` asks one of them into a chat.
 */
export class SiteVisitorsStore {
  readonly visitors = signal<Map<string, SiteVisitor>>(new Map());
  /** False when this server does not serve the list (or watching it failed): the panel says so. */
  readonly available = signal(true);
  /** The list has arrived (a visitor missing from it has left the site). */
  readonly loaded = signal(false);

  constructor(private readonly hub: Pick<LiveConnection, "invoke" | "on">) {
    hub.on<SiteVisitor[]>(Events.siteVisitor, (batch) => this.onVisitors(batch));
    hub.on<SiteVisitorLeft[]>(Events.siteVisitorLeft, (batch) => this.onLeft(batch));
  }

  /** Watches the site again (after every connect): the whole list now, then its changes. */
  async resume() {
    try {
      const list = await withRetries(() => this.hub.invoke<SiteVisitor[]>(M.watchSiteVisitors));
      this.visitors.value = new Map(list.map((v) => [v.customerId, v]));
      this.available.value = true;
      this.loaded.value = true;
    } catch {
      this.available.value = false;
    }
  }

  /** Invites a visitor into a chat; it comes as an offer to this agent if they accept. */
  invite(customerId: string, message: string): Promise<Invitation> {
    return this.hub.invoke<Invitation>(M.inviteVisitor, customerId, message);
  }

  private onVisitors(batch: SiteVisitor[]) {
    const next = new Map(this.visitors.value);
    for (const v of batch) {
      const current = next.get(v.customerId);
      if (!current || current.version <= v.version) next.set(v.customerId, v);
    }
    this.visitors.value = next;
  }

  private onLeft(batch: SiteVisitorLeft[]) {
    const next = new Map(this.visitors.value);
    for (const left of batch) {
      const current = next.get(left.customerId);
      if (current && left.version >= current.version) next.delete(left.customerId);
    }
    this.visitors.value = next;
  }
}
