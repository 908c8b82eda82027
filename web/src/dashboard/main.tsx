import { render } from "preact";
import { useState } from "preact/hooks";
import type { LoginResponse } from "../shared/protocol";
import { savedLogin, signOut } from "../shared/staff";
import { SignIn } from "../shared/SignIn";
import { DashboardApp } from "./DashboardApp";
import "../styles/base.css";
import "../styles/components.css";
import "./dashboard.css";

const supervisorsOnly = (login: LoginResponse) =>
  login.role === "supervisor" || login.role === "admin" ? null
    : login.role === "operator" ? "The dashboard is for supervisors and admins. Operators watch the cluster at /operator/."
    : "The dashboard is for supervisors and admins. Agents work in the workspace.";

function Root() {
  const saved = savedLogin();
  const [login, setLogin] = useState<LoginResponse | null>(saved && !supervisorsOnly(saved) ? saved : null);
  if (!login) {
    return <SignIn title="Supervisor dashboard" subtitle="Queues, agents and service quality, live." onSignedIn={setLogin} allow={supervisorsOnly} />;
  }
  return <DashboardApp login={login} onSignedOut={() => { signOut(); setLogin(null); }} />;
}

render(<Root />, document.getElementById("app")!);
