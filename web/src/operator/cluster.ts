import type { ClusterSilo, ClusterSnapshot } from "../shared/protocol";

/**
 * How often the cluster view asks again. The figures live on each node and in Orleans' own statistics, which move
 * by the second; a GET every few seconds from the few operators watching costs nothing, where a push would need a
 * hub connection for a role that has none.
 */
export const refreshMs = 3000;

export type Tone = "green" | "amber" | "red" | "brand" | "neutral";

/** What a silo's row says it is doing, and in which colour. */
export function siloState(silo: ClusterSilo): { label: string; tone: Tone } {
  if (silo.status === "active" && silo.draining) return { label: "Draining", tone: "amber" };
  switch (silo.status) {
    case "active": return { label: "Active", tone: "green" };
    case "joining": return { label: "Joining", tone: "brand" };
    case "shuttingDown": return { label: "Shutting down", tone: "amber" };
    case "dead": return { label: "Left", tone: "neutral" };
  }
}

/** Only an active silo not yet draining can be drained (the server answers 409 otherwise). */
export const canDrain = (silo: ClusterSilo) => silo.status === "active" && !silo.draining;

/** The other silos that could take a drained silo's clients: without one, a drain only disconnects them. */
export const othersTakingClients = (snapshot: ClusterSnapshot, silo: ClusterSilo) =>
  snapshot.silos.filter((s) => s.silo !== silo.silo && canDrain(s)).length;

/** Connections on one silo (null: it could not be asked). */
export function connectionsOf(silo: ClusterSilo): number | null {
  return silo.connections ? silo.connections.visitor + silo.connections.agent : null;
}

/** The headline figures: silos taking work, every live connection, every activation. */
export function totals(snapshot: ClusterSnapshot) {
  const active = snapshot.silos.filter((s) => s.status === "active");
  return {
    silos: active.length,
    draining: active.filter((s) => s.draining).length,
    visitors: active.reduce((n, s) => n + (s.connections?.visitor ?? 0), 0),
    agents: active.reduce((n, s) => n + (s.connections?.agent ?? 0), 0),
    activations: active.reduce((n, s) => n + (s.activations ?? 0), 0),
  };
}

/** A byte count the way people read memory: "734 MB", "1.2 GB". */
export function bytes(value: number | null): string {
  if (value === null) return "—";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let n = value;
  let unit = 0;
  while (n >= 1000 && unit < units.length - 1) { n /= 1000; unit++; }
  return `${n >= 100 || unit === 0 ? Math.round(n) : n.toFixed(1)} ${units[unit]}`;
}

/** CPU as a whole percentage, or a dash when unknown. */
export const cpu = (value: number | null) => value === null ? "—" : `${Math.round(value)}%`;

/** A silo's short name: its configured name, else its endpoint. */
export const siloName = (silo: ClusterSilo) => silo.name || silo.endpoint;
