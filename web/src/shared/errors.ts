// Errors from the server as one shape: hub failures end in "HubException: <code>: <message>",
// REST failures are ProblemDetails with a `code` (docs/protocol.md#errors).

export class ServerError extends Error {
  constructor(readonly code: string, message: string, readonly status?: number) {
    super(message);
  }
}

/** Reads the code and message from a rejected hub invocation. */
export function hubError(error: unknown): ServerError {
  const text = error instanceof Error ? error.message : String(error);
  const match = /HubException: ([a-z_]+): ([\s\S]*)$/.exec(text);
  return match ? new ServerError(match[1], match[2].trim()) : new ServerError("error", text);
}

/** A message fit to show a person. */
export function describe(error: unknown): string {
  if (error instanceof ServerError) return error.message;
  const parsed = hubError(error);
  if (parsed.code !== "error") return parsed.message;
  return "Something went wrong. Please try again.";
}

/** True when the hub refused a method it does not know (a feature not deployed on this server yet). */
export function isMissingMethod(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /Method does not exist|Unknown hub method/i.test(text);
}
