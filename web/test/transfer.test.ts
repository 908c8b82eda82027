import { describe, expect, it } from "vitest";
import { transferChange, transferText } from "../src/workspace/transfer";
import type { PendingTransfer, SessionView } from "../src/shared/protocol";
import { view } from "./fakes";

const toBob: PendingTransfer = { fromAgentId: "alice", toAgentId: "bob", toQueueId: null, startedAt: "2026-12-05T00:00:00Z", expiresAt: "2026-12-05T00:00:30Z", note: null };

function session(assignedAgentId: string | null, transfer: PendingTransfer | null = null): SessionView {
  return { ...view("active"), assignedAgentId, transfer };
}

describe("transferChange", () => {
  it("sees the session pass to another agent", () => {
    expect(transferChange(session("alice", toBob), session("bob"), "alice")).toBe("handedOver");
  });

  it("sees a transfer end with the session still the agent's", () => {
    expect(transferChange(session("alice", toBob), session("alice"), "alice")).toBe("fellThrough");
  });

  it("sees nothing in a transfer starting, going on, or a session that was never the agent's", () => {
    expect(transferChange(session("alice"), session("alice", toBob), "alice")).toBe("none");
    expect(transferChange(session("alice", toBob), session("alice", toBob), "alice")).toBe("none");
    expect(transferChange(null, session("bob"), "alice")).toBe("none");
    expect(transferChange(session("alice"), session("alice"), "alice")).toBe("none");
  });

  it("sees a queue's agent taking it over, even when the view in between was missed", () => {
    expect(transferChange(session("alice"), session("carol"), "alice")).toBe("handedOver");
  });
});

describe("transferText", () => {
  const names = { bob: "Bob" } as Record<string, string>;
  it("names the colleague or the queue", () => {
    expect(transferText(toBob, (id) => names[id] ?? id, (id) => id)).toBe("Transferring to Bob…");
    expect(transferText({ ...toBob, toAgentId: null, toQueueId: "billing", expiresAt: null }, (id) => id, () => "Billing")).toBe("Transferring to the Billing queue…");
  });
});
