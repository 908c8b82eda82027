import { requestJson } from "./http";
import type { LoginResponse } from "./protocol";

const key = "engagement.staff";

/** The signed-in staff member of this browser tab's apps (workspace, dashboard), kept until the token expires. */
export function savedLogin(): LoginResponse | null {
  try {
    const login = JSON.parse(localStorage.getItem(key) ?? "null") as LoginResponse | null;
    if (login && Date.parse(login.expiresAt) - Date.now() > 60_000) return login;
  } catch {
    // unreadable: sign in again
  }
  localStorage.removeItem(key);
  return null;
}

export async function signIn(email: string, password: string): Promise<LoginResponse> {
  const login = await requestJson<LoginResponse>("", "POST", "/api/auth/login", null, { email, password });
  localStorage.setItem(key, JSON.stringify(login));
  return login;
}

export function signOut() {
  localStorage.removeItem(key);
}
