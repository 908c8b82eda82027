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

function Root() {
  const [login, setLogin] = useState<LoginResponse | null>(savedLogin());
  if (!login) {
    return <SignIn title="Sign in to your workspace" subtitle="Chat with customers, with everything you need to know about them at hand." onSignedIn={setLogin} />;
  }
  return <App login={login} onSignedOut={() => { signOut(); setLogin(null); }} />;
}

render(<Root />, document.getElementById("app")!);
