import { render } from "preact";
import { useState } from "preact/hooks";
import type { LoginResponse } from "../shared/protocol";
import { savedLogin, signOut } from "../shared/staff";
import { SignIn } from "../shared/SignIn";
import { AdminApp } from "./AdminApp";
import "../styles/base.css";
import "../styles/components.css";
import "./admin.css";

const adminsOnly = (login: LoginResponse) =>
  login.role === "admin" ? null : "These pages are for admins only. Agents work in the workspace, supervisors in the dashboard.";

function Root() {
  const saved = savedLogin();
  const [login, setLogin] = useState<LoginResponse | null>(saved && !adminsOnly(saved) ? saved : null);
  if (!login) {
    return <SignIn title="Admin" subtitle="Queues, staff, canned responses, proactive rules and the audit log." onSignedIn={setLogin} allow={adminsOnly} />;
  }
  return <AdminApp login={login} onSignedOut={() => { signOut(); setLogin(null); }} />;
}

render(<Root />, document.getElementById("app")!);
