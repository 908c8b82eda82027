// Errors from the server as one shape: hub failures end in "HubException: <code>: <message>",
// REST failures are ProblemDetails with a `code` (docs/protocol.md#errors).

export class ServerError extends Error {
  constructor(readonly code: string, message: string, readonly status?: number) {
    super(message);
  }
}

/**
 * The code for a call that never got an answer because its connection went away (the client's own
 * failures, never sent by the server): the call may or may not have been carried out.
 */
export const Disconnected = "disconnected";

// @microsoft/signalr's wording when an invocation dies with its connection, or is made while it is down.
const connectionLost = /underlying connection being closed|connection is not in the 'Connected' State|Connection closed|connection was stopped|WebSocket closed|Server timeout elapsed|Failed to start the connection|Not connected/i;

/** Reads the code and message from a rejected hub invocation. */
export function hubError(error: unknown): ServerError {
  if (error instanceof ServerError) return error;
  const text = error instanceof Error ? error.message : String(error);
  const match = /HubException: ([a-z_]+): ([\s\S]*)$/.exec(text);
  if (match) return new ServerError(match[1], match[2].trim());
  return new ServerError(connectionLost.test(text) ? Disconnected : "error", text);
}

/**
 * True for a failure that doing the same again may cure: the node was busy or going away (`unavailable`),
 * an unexpected server failure (`error`), or the connection dropped before the answer. Only for calls that
 * are safe to repeat (docs/protocol.md, "Which calls are safe to repeat").
 */
export function isTransient(error: unknown): boolean {
  const code = hubError(error).code;
  return code === Disconnected || code === "unavailable" || (code === "error" && !isMissingMethod(error));
}

/** A message fit to show a person. */
export function describe(error: unknown): string {
  const parsed = hubError(error);
  if (parsed.code === Disconnected) return "The connection was lost. Please try again.";
  if (error instanceof ServerError || parsed.code !== "error") return parsed.message;
  return "Something went wrong. Please try again.";
}

/** One step a person asked for: `busy` while it runs, and a failure told in `notice`, in words fit to show. */
export async function runStep(busy: { value: boolean }, notice: { value: string | null }, step: () => Promise<void>): Promise<void> {
  busy.value = true;
  try {
    await step();
  } catch (error) {
    notice.value = describe(error);
  } finally {
    busy.value = false;
  }
}

/** True when the hub refused a method it does not know (a feature not deployed on this server yet). */
export function isMissingMethod(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /Method does not exist|Unknown hub method/i.test(text);
}
