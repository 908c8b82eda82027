import { describe, expect, it } from "vitest";
import { invitesUnanswered } from "../src/workspace/conference";
import { view } from "./fakes";
import type { PendingInvite, SessionMember } from "../src/shared/protocol";

const invite = (agentId: string, invitedBy = "alice"): PendingInvite =>
  ({ agentId, invitedBy, invitedAt: "2026-12-05T10:00:00Z", expiresAt: "2026-12-05T10:00:20Z", note: null });
const member = (agentId: string): SessionMember =>
  ({ agentId, displayName: agentId, kind: "colleague", joinedAt: "2026-12-05T10:00:05Z", invitedBy: "alice" });

describe("invitesUnanswered", () => {
  it("names the colleagues whose invite ended without them joining", () => {
    const before = { ...view(), invites: [invite("bob"), invite("carol")] };
    const after = { ...view(), invites: [], members: [member("carol")] };
    expect(invitesUnanswered(before, after, "alice")).toEqual(["bob"]);
  });

  it("says nothing of invites still standing, of another agent's invites, or when the conversation ended", () => {
    const before = { ...view(), invites: [invite("bob"), invite("dave", "supervisor")] };
    expect(invitesUnanswered(before, { ...view(), invites: [invite("bob")] }, "alice")).toEqual([]);
    expect(invitesUnanswered(before, { ...view("wrapUp"), invites: [] }, "alice")).toEqual([]);
  });
});
