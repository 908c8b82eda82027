import { useState } from "preact/hooks";
import { requestJson } from "../shared/http";

/**
 * Opening the Orleans dashboard from the operator and admin pages. A page load carries no bearer token, so the server
 * first gives this browser a short-lived cookie for the dashboard's path (docs/operations.md, "The Orleans
 * dashboard"); then the browser goes there. Returns the action and what went wrong, if it did.
 */
export function useOrleansDashboard(token: string): [open: () => Promise<void>, error: unknown] {
  const [error, setError] = useState<unknown>(null);
  async function open() {
    try {
      location.assign((await requestJson<{ url: string; expiresAt: string }>("", "POST", "/api/orleans-dashboard/session", token)).url);
    } catch (failure) {
      setError(failure);
    }
  }
  return [open, error];
}
