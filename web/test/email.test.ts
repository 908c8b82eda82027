import { describe, expect, it } from "vitest";
import { emailProblem } from "../src/shared/email";

// Each case as the server decides it: .NET's MailAddress.TryCreate, and the address read back equal to the text.
const accepted = ["a@b", "a@b.c", "a.b@c.d", "a.@b.c", "\"a b\"@c.d", "a@[1.2.3.4]", "a@-b.c", "a@b.", "é@ü.de", "a+b@c.d",
  "a!#$%&'*+/=?^_`{|}~-@b.c", "a@b_c.d", "a@1.2.3.4", "dana@example.com"];
const refused = ["a..b@c.d", ".a@b.c", "a b@c.d", "a@b c.d", "a@b..c", "a@.b", "a@b@c.d", "Dana <a@b.c>", "a@b.c,", "a(x)@b.c", "a\\b@c.d",
  "a@b;c.d", "dana", "@example.com", "dana@"];

describe("emailProblem", () => {
  it("takes the plain addresses the server takes", () => {
    for (const email of accepted) expect(emailProblem(email), email).toBeNull();
    expect(emailProblem("  dana@example.com  ")).toBeNull(); // trimmed, as the server trims
  });

  it("refuses, in words, what the server refuses", () => {
    for (const email of refused) expect(emailProblem(email), email).toBe("Enter your email address as name@example.com.");
    expect(emailProblem("  ")).toBe("Enter your email address, so we can reply.");
    expect(emailProblem(`${"a".repeat(250)}@b.cd`)).toBe("That email address is longer than 254 characters.");
  });
});
