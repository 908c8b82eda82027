import type { PendingTransfer, SessionView } from "../shared/protocol";

/**
 * What a new view of one of the agent's sessions says about a transfer they started (docs/protocol.md, "Agent hub:
 * transfer"): it passed to someone else (`handedOver`: the session leaves the agent's list), it ended with the
 * session still theirs (`fellThrough`: declined, timed out or called back), or nothing changed (`none`).
 */
export type TransferChange = "none" | "handedOver" | "fellThrough";

export function transferChange(before: SessionView | null, after: SessionView, selfId: string): TransferChange {
  if (after.assignedAgentId !== null && after.assignedAgentId !== selfId && before?.assignedAgentId === selfId) return "handedOver";
  if (before?.transfer && !after.transfer && after.assignedAgentId === selfId) return "fellThrough";
  return "none";
}

/** "Transferring to Bob…" or "Transferring to the Billing queue…", with names from the team directory. */
export function transferText(transfer: PendingTransfer, agentName: (id: string) => string, queueName: (id: string) => string): string {
  return transfer.toAgentId !== null
    ? `Transferring to ${agentName(transfer.toAgentId)}…`
    : `Transferring to the ${queueName(transfer.toQueueId ?? "")} queue…`;
}
