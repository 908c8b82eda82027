import { render } from "preact";
import { useState } from "preact/hooks";
import type { LoginResponse } from "../shared/protocol";
import { savedLogin, signOut } from "../shared/staff";
import { SignIn } from "../shared/SignIn";
import { App } from "./App";
import "../styles/base.css";
import "../styles/components.css";
import "../shared/call/call.css";
import "../shared/attachments/attachments.css";
import "./workspace.css";
import "./waiting.css";

const chatStaffOnly = (login: LoginResponse) =>
  login.role === "operator" ? "Operators take no chats. The cluster view is at /operator/." : null;

function Root() {
  const saved = savedLogin();
  const [login, setLogin] = useState<LoginResponse | null>(saved && !chatStaffOnly(saved) ? saved : null);
  if (!login) {
    return <SignIn title="Sign in to your workspace" subtitle="Chat with customers, with everything you need to know about them at hand." onSignedIn={setLogin} allow={chatStaffOnly} />;
  }
  return <App login={login} onSignedOut={() => { signOut(); setLogin(null); }} />;
}

render(<Root />, document.getElementById("app")!);
