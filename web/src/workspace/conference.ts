import type { SessionView } from "../shared/protocol";

/**
 * Invites this agent made that ended without the colleague joining (declined, timed out, withdrawn, gone offline),
 * from one view of the session to the next (docs/protocol.md, "Agent hub: conference").
 */
export function invitesUnanswered(before: SessionView | null, after: SessionView, selfId: string): string[] {
  if (after.status !== "active") return []; // the conversation ended: its invites went with it
  const still = new Set((after.invites ?? []).map((i) => i.agentId));
  const joined = new Set((after.members ?? []).map((m) => m.agentId));
  return (before?.invites ?? []).filter((i) => i.invitedBy === selfId && !still.has(i.agentId) && !joined.has(i.agentId)).map((i) => i.agentId);
}

/** The colleagues in the conversation and the invites under way, as the chat header lists them. */
export function memberNames(view: SessionView | null, agentName: (id: string) => string): { members: { agentId: string; name: string }[]; invited: { agentId: string; name: string }[] } {
  return {
    members: (view?.members ?? []).map((m) => ({ agentId: m.agentId, name: m.displayName })),
    invited: (view?.invites ?? []).map((i) => ({ agentId: i.agentId, name: agentName(i.agentId) })),
  };
}
