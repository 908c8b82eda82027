import { ServerError } from "./errors";

/** JSON over HTTP against the Engagement API at `base`, with an optional bearer token. */
export async function requestJson<T>(base: string, method: string, path: string, token?: string | null, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await send(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }, token);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** A GET whose answer is a file (an export): its content, for a download the page starts itself. */
export async function requestBlob(base: string, path: string, token?: string | null): Promise<Blob> {
  return await (await send(base + path, { method: "GET", headers: {} }, token)).blob();
}

/** As {@link requestBlob}, with the file name the server gives (`Content-Disposition`), or `fallback`. */
export async function requestDownload(base: string, path: string, token: string | null | undefined, fallback: string): Promise<{ blob: Blob; fileName: string }> {
  const response = await send(base + path, { method: "GET", headers: {} }, token);
  return { blob: await response.blob(), fileName: fileNameOf(response.headers.get("Content-Disposition")) ?? fallback };
}

/** The file name of a `Content-Disposition: attachment; filename="…"` header, or null. */
export function fileNameOf(disposition: string | null): string | null {
  const match = disposition && /filename="?([^";]+)"?/i.exec(disposition);
  return match ? match[1] : null;
}

async function send(url: string, init: RequestInit & { headers: Record<string, string> }, token?: string | null): Promise<Response> {
  if (token) init.headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw unreachable();
  }
  if (response.ok) return response;
  throw problemError(response.status, await response.text().catch(() => ""));
}

/** A failed answer as a ServerError: a ProblemDetails body gives its `code` and words; any other body, the status. */
export function problemError(status: number, body: string): ServerError {
  let code = "error";
  let message = `The request failed (${status}).`;
  try {
    const problem = JSON.parse(body);
    code = problem.code ?? code;
    message = problem.detail ?? problem.title ?? message;
  } catch {
    // not a ProblemDetails body
  }
  return new ServerError(code, message, status);
}

/** The `unavailable` error of a request that got no answer at all. */
export const unreachable = () => new ServerError("unavailable", "The service cannot be reached. Check your connection.");
