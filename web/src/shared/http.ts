import { ServerError } from "./errors";

/** JSON over HTTP against the Engagement API at `base`, with an optional bearer token. */
export async function requestJson<T>(base: string, method: string, path: string, token?: string | null, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ServerError("unavailable", "The service cannot be reached. Check your connection.");
  }
  if (response.ok) {
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
  let code = "error";
  let message = `The request failed (${response.status}).`;
  try {
    const problem = await response.json();
    code = problem.code ?? code;
    message = problem.detail ?? problem.title ?? message;
  } catch {
    // not a ProblemDetails body
  }
  throw new ServerError(code, message, response.status);
}
