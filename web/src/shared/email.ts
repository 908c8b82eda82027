// The browser's check of an email address, the same rule the server applies (api/Validation/InputRules.cs, Email):
// after trimming, one plain address that .NET's MailAddress reads back unchanged — no display name ("Dana <…>"),
// no comments, no spaces, no second "@". Written by hand: the rule is the server's, not a general one (a library
// would refuse addresses the server takes, such as "dana@localhost", or take ones it refuses).

import { limits } from "./limits";

// Characters of a dot-atom (RFC 5322 atext), and any non-ASCII character, as MailAddress accepts them.
const atom = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u0080-\\uFFFF]+";
const local = `(?:${atom}(?:\\.${atom})*\\.?|"(?:[^"\\\\\\r\\n]|\\\\.)*")`;
const domain = `(?:${atom}(?:\\.${atom})*\\.?|\\[[^\\[\\]\\\\\\s]*\\])`;
const address = new RegExp(`^${local}@${domain}$`);

/** Why an email address would be refused, in words for the person typing it; null when it is fine. */
export function emailProblem(value: string): string | null {
  const email = value.trim();
  if (!email) return "Enter your email address, so we can reply.";
  if (email.length > limits.email) return `That email address is longer than ${limits.email} characters.`;
  if (!address.test(email)) return "Enter your email address as name@example.com.";
  return null;
}
