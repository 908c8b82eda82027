import { describe, expect, it } from "vitest";
import { bytes, canDrain, connectionsOf, cpu, othersTakingClients, siloName, siloState, totals } from "../src/operator/cluster";
import type { ClusterSilo, ClusterSnapshot } from "../src/shared/protocol";

function silo(extra: Partial<ClusterSilo> = {}): ClusterSilo {
  return {
    silo: "127.0.0.1:11111@1", name: "node-a", host: "web-1", endpoint: "127.0.0.1:11111", status: "active",
    startedAt: "2026-12-05T05:00:00Z", isThisNode: false, draining: false, closeAt: null, cpuPercent: 12.4,
    memoryBytes: 734_003_200, memoryLimitBytes: 8_000_000_000, activations: 40, connections: { visitor: 3, agent: 1 },
    ...extra,
  };
}

const snapshot = (...silos: ClusterSilo[]): ClusterSnapshot => ({ at: "2026-12-05T05:01:00Z", answeredBy: silos[0]?.silo ?? "", silos });

describe("the cluster view", () => {
  it("names what each silo is doing, a drain before its membership status", () => {
    expect(siloState(silo())).toEqual({ label: "Active", tone: "green" });
    expect(siloState(silo({ draining: true }))).toEqual({ label: "Draining", tone: "amber" });
    expect(siloState(silo({ status: "shuttingDown", connections: null }))).toEqual({ label: "Shutting down", tone: "amber" });
    expect(siloState(silo({ status: "dead", connections: null }))).toEqual({ label: "Left", tone: "neutral" });
    expect(siloState(silo({ status: "joining" })).label).toBe("Joining");
  });

  it("offers a drain only for an active silo that is not draining yet", () => {
    expect(canDrain(silo())).toBe(true);
    expect(canDrain(silo({ draining: true }))).toBe(false);
    expect(canDrain(silo({ status: "shuttingDown" }))).toBe(false);
    expect(canDrain(silo({ status: "dead" }))).toBe(false);
  });

  it("counts the other silos that could take a drained silo's clients", () => {
    const a = silo();
    const b = silo({ silo: "127.0.0.1:11112@1", endpoint: "127.0.0.1:11112" });
    const c = silo({ silo: "127.0.0.1:11113@1", endpoint: "127.0.0.1:11113", draining: true });
    expect(othersTakingClients(snapshot(a, b, c), a)).toBe(1);
    expect(othersTakingClients(snapshot(a, c), a)).toBe(0);
  });

  it("sums connections and activations over the silos taking part, leaving out the ones that left", () => {
    const sum = totals(snapshot(
      silo(),
      silo({ silo: "b", draining: true, connections: { visitor: 2, agent: 0 }, activations: 10 }),
      silo({ silo: "c", status: "dead", connections: null, activations: null }),
    ));
    expect(sum).toEqual({ silos: 2, draining: 1, visitors: 5, agents: 1, activations: 50 });
    expect(connectionsOf(silo())).toBe(4);
    expect(connectionsOf(silo({ connections: null }))).toBeNull();
  });

  it("writes memory, CPU and names the way people read them", () => {
    expect(bytes(734_003_200)).toBe("734 MB");
    expect(bytes(1_234_000_000)).toBe("1.2 GB");
    expect(bytes(512)).toBe("512 B");
    expect(bytes(null)).toBe("—");
    expect(cpu(12.6)).toBe("13%");
    expect(cpu(null)).toBe("—");
    expect(siloName(silo({ name: null }))).toBe("127.0.0.1:11111");
  });
});
