// The visitor widget and JS SDK. One script tag embeds it in any website:
//   <script src="https://engage.example.com/widget.js" data-queue="support" data-team="Support" async></script>
// It renders in a shadow root (the site's CSS cannot break it, nor it the site's) and exposes
// window.Engagement: identify(customerId, traits, userHash), setAttributes(attributes),
// track(event, properties), open(), close(). Calls made before it loads can be queued:
//   window.Engagement = window.Engagement || []; Engagement.push(["identify", "cust-42", {...}, "hash"]);
import { render } from "preact";
import { readConfig } from "./config";
import { VisitorClient } from "./visitor";
import { Widget } from "./Widget";
import palette from "../styles/palette.css";
import styles from "./widget.css";
import callStyles from "../shared/call/call.css";
import attachmentStyles from "../shared/attachments/attachments.css";

export interface EngagementSdk {
  identify(customerId: string, traits?: Record<string, string>, userHash?: string): Promise<void>;
  setAttributes(attributes: Record<string, string>): Promise<void>;
  track(event: string, properties?: Record<string, string>): Promise<void>;
  open(): void;
  close(): void;
  readonly customerId: string;
}

declare global {
  interface Window { Engagement?: EngagementSdk | unknown[] }
}

function boot(script: HTMLScriptElement | null) {
  const existing = window.Engagement;
  if (existing && !Array.isArray(existing)) return; // loaded twice: keep the first
  const queued = Array.isArray(existing) ? existing : [];

  const config = readConfig(script);
  const client = new VisitorClient(config);

  const host = document.createElement("div");
  host.id = "engagement-widget";
  host.setAttribute("data-engagement", "widget");
  const shadow = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  // The accent colour is the Widget's own <style>: it follows the saved settings once they arrive.
  style.textContent = palette + styles + callStyles + attachmentStyles;
  const mount = document.createElement("div");
  shadow.append(style, mount);
  document.body.appendChild(host);
  render(<Widget client={client} />, mount);

  const sdk: EngagementSdk = {
    identify: (customerId, traits = {}, userHash = "") => client.identify(customerId, traits, userHash),
    setAttributes: async (attributes) => void (await client.setAttributes(attributes)),
    track: (event, properties) => client.track(event, properties),
    open: () => client.open(),
    close: () => client.close(),
    get customerId() { return client.customerId.value; },
  };
  window.Engagement = sdk;

  void client.start().catch(() => {
    // LiveConnection keeps retrying; the panel shows "Reconnecting…" meanwhile.
  });
  for (const call of queued) {
    if (!Array.isArray(call)) continue;
    const [method, ...args] = call as [keyof EngagementSdk, ...unknown[]];
    const fn = sdk[method];
    if (typeof fn === "function") void (fn as (...a: unknown[]) => unknown)(...args);
  }
}

const script = document.currentScript as HTMLScriptElement | null;
if (document.body) boot(script);
else document.addEventListener("DOMContentLoaded", () => boot(script), { once: true });
