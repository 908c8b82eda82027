import { describe, expect, it } from "vitest";
import { Disconnected, hubError, isTransient } from "../src/shared/errors";

// What a client may repeat (docs/protocol.md, "Errors"): only failures of the connection, the node or the server.
const rejected = (code: string) => new Error(`An unexpected error occurred invoking 'CallOffer' on the server. HubException: ${code}: reason`);

describe("isTransient", () => {
  it("retries a lost connection, an unavailable node and an unexpected server failure", () => {
    expect(isTransient(new Error("Invocation canceled due to the underlying connection being closed."))).toBe(true);
    expect(hubError(new Error("WebSocket closed with status code: 1006")).code).toBe(Disconnected);
    expect(isTransient(rejected("unavailable"))).toBe(true);
    expect(isTransient(rejected("error"))).toBe(true);
  });

  it("never retries a refusal: the same call would be refused again", () => {
    for (const code of ["invalid", "too_large", "unknown_method", "not_found", "forbidden", "conflict"]) {
      expect(isTransient(rejected(code)), code).toBe(false);
    }
    expect(isTransient(new Error("Method does not exist on this hub"))).toBe(false);
  });
});
