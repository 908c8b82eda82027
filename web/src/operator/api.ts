import { requestJson } from "../shared/http";
import type { ClusterSilo, ClusterSnapshot } from "../shared/protocol";

/** The cluster view's REST calls (docs/protocol.md, "Cluster"), with the signed-in operator's or admin's token. */
export class OperatorApi {
  constructor(private readonly token: string) {}

  cluster = () => requestJson<ClusterSnapshot>("", "GET", "/api/cluster", this.token);

  /** Asks the silo to drain; the node that gets the request reaches it, whichever that is. */
  drain = (silo: string) => requestJson<ClusterSilo>("", "POST", `/api/cluster/silos/${encodeURIComponent(silo)}/drain`, this.token);
}
