import { requestJson } from "../shared/http";
import type { WidgetSettings } from "../shared/protocol";
import type { AgentDetails, AuditPage, CannedResponse, ProactiveRule, QueueDefinition } from "./types";

/** The admin pages' REST calls, with the signed-in admin's token. Failures are ServerErrors with the problem's code. */
export class AdminApi {
  constructor(private readonly token: string) {}

  private call<T>(method: string, path: string, body?: unknown) {
    return requestJson<T>("", method, path, this.token, body);
  }

  queues = () => this.call<QueueDefinition[]>("GET", "/api/queues");
  createQueue = (queue: Partial<QueueDefinition>) => this.call<QueueDefinition>("POST", "/api/queues", queue);
  updateQueue = (queueId: string, queue: Partial<QueueDefinition>) =>
    this.call<QueueDefinition>("PUT", `/api/queues/${encodeURIComponent(queueId)}`, queue);

  agents = () => this.call<AgentDetails[]>("GET", "/api/agents");
  createAgent = (agent: object) => this.call<AgentDetails>("POST", "/api/agents", agent);
  updateAgent = (agentId: string, agent: object) => this.call<AgentDetails>("PUT", `/api/agents/${encodeURIComponent(agentId)}`, agent);

  cannedResponses = () => this.call<CannedResponse[]>("GET", "/api/canned-responses");
  createCanned = (canned: Omit<CannedResponse, "id">) => this.call<CannedResponse>("POST", "/api/canned-responses", canned);
  updateCanned = (canned: CannedResponse) => this.call<CannedResponse>("PUT", `/api/canned-responses/${encodeURIComponent(canned.id)}`, canned);
  deleteCanned = (id: string) => this.call<void>("DELETE", `/api/canned-responses/${encodeURIComponent(id)}`);

  rules = () => this.call<ProactiveRule[]>("GET", "/api/rules");
  replaceRules = (rules: ProactiveRule[]) => this.call<ProactiveRule[]>("PUT", "/api/rules", rules);

  widgetSettings = () => this.call<WidgetSettings>("GET", "/api/widget/settings");
  saveWidgetSettings = (settings: WidgetSettings) => this.call<WidgetSettings>("PUT", "/api/widget/settings", settings);

  audit = (filter: { actor?: string; action?: string; before?: number | null }) => {
    const query = new URLSearchParams();
    if (filter.actor) query.set("actor", filter.actor);
    if (filter.action) query.set("action", filter.action);
    if (filter.before) query.set("before", String(filter.before));
    return this.call<AuditPage>("GET", `/api/audit?${query}`);
  };
}
