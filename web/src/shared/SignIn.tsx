import { useState } from "preact/hooks";
import type { LoginResponse } from "./protocol";
import { signIn } from "./staff";
import { describe } from "./errors";
import { BrandMark } from "./icons";

/** The staff sign-in card of the workspace and the dashboard. */
export function SignIn({ title, subtitle, onSignedIn, allow }: {
  title: string; subtitle: string; onSignedIn: (login: LoginResponse) => void; allow?: (login: LoginResponse) => string | null;
}) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const login = await signIn(email.trim(), password);
      const refusal = allow?.(login) ?? null;
      if (refusal) setError(refusal);
      else onSignedIn(login);
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="auth">
      <form class="card auth-card" onSubmit={submit} aria-labelledby="signin-title">
        <BrandMark />
        <div>
          <h1 id="signin-title">{title}</h1>
          <p class="muted">{subtitle}</p>
        </div>
        <label class="field">
          <span>Work email</span>
          <input class="input" type="email" name="email" autocomplete="username" required value={email}
            onInput={(e) => setEmail(e.currentTarget.value)} autoFocus />
        </label>
        <label class="field">
          <span>Password</span>
          <input class="input" type="password" name="password" autocomplete="current-password" required value={password}
            onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        {error && <p class="error-text" role="alert">{error}</p>}
        <button class="btn btn-primary btn-lg btn-block" type="submit" disabled={busy}>{busy ? "Signing in…" : "Sign in"}</button>
      </form>
    </main>
  );
}
