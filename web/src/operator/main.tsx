import { render } from "preact";
import { useState } from "preact/hooks";
import type { LoginResponse } from "../shared/protocol";
import { savedLogin, signOut } from "../shared/staff";
import { SignIn } from "../shared/SignIn";
import { OperatorApp } from "./OperatorApp";
import "../styles/base.css";
import "../styles/components.css";
import "../admin/admin.css";
import "./operator.css";

const operatorsOnly = (login: LoginResponse) =>
  login.role === "operator" || login.role === "admin" ? null : "The cluster view is for operators and admins.";

function Root() {
  const saved = savedLogin();
  const [login, setLogin] = useState<LoginResponse | null>(saved && !operatorsOnly(saved) ? saved : null);
  if (!login) {
    return <SignIn title="Cluster" subtitle="The silos, their load and connections; drain one for maintenance." onSignedIn={setLogin} allow={operatorsOnly} />;
  }
  return <OperatorApp login={login} onSignedOut={() => { signOut(); setLogin(null); }} />;
}

render(<Root />, document.getElementById("app")!);
