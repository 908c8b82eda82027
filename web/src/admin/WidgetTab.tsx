import { useEffect, useState } from "preact/hooks";
import type { AdminApi } from "./api";
import type { WidgetSettings } from "../shared/protocol";
import { resolveAppearance, widgetDefaults } from "../widget/appearance";
import { useLoad } from "./useLoad";
import { FormError } from "./FormError";
import { TextField } from "./TextField";

type TextKey = "headerName" | "greetingTitle" | "greetingText" | "startLabel" | "offlineText" | "closedText";

/** The texts an admin sets, each shown empty when it is the widget's own (the default is its placeholder). */
const texts: { key: TextKey; label: string; placeholder: string }[] = [
  { key: "headerName", label: "Header name", placeholder: "The site's page title" },
  { key: "greetingTitle", label: "Greeting title", placeholder: widgetDefaults.greetingTitle },
  { key: "greetingText", label: "Greeting text", placeholder: widgetDefaults.greetingText },
  { key: "startLabel", label: "Start button label", placeholder: widgetDefaults.startLabel },
  { key: "offlineText", label: "Text when nobody is online", placeholder: widgetDefaults.offlineText },
  { key: "closedText", label: "Text when closed", placeholder: widgetDefaults.closedText },
];

const noTag = { team: null, brand: null, color: null, greeting: null };

/** The palette's accent colour: what the widget shows while no colour is saved. */
function paletteColor(): string {
  return getComputedStyle(document.documentElement).getPropertyValue("--brand-600").trim() || "#000000";
}

/** The visitor widget's look and texts, for every site, with a small preview. Blank texts are the widget's own. */
export function WidgetTab({ api }: { api: AdminApi }) {
  const loaded = useLoad(api.widgetSettings);
  const [draft, setDraft] = useState<WidgetSettings | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => { if (loaded.data) setDraft(loaded.data); }, [loaded.data]);

  if (!draft) return <section class="adm-tab" aria-label="Widget"><FormError error={loaded.error} /></section>;
  const change = (patch: Partial<WidgetSettings>) => { setDraft({ ...draft, ...patch }); setSaved(false); };
  const look = resolveAppearance(noTag, draft, "Your site");
  const color = draft.brandColor ?? paletteColor();

  async function save(event: Event) {
    event.preventDefault();
    setError(null);
    try {
      setDraft(await api.saveWidgetSettings(draft!));
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section class="adm-tab" aria-label="Widget">
      <form class="card adm-form" onSubmit={(e) => void save(e)} aria-label="Widget settings">
        <div class="card-head"><h2>Widget appearance and texts</h2></div>
        <div class="card-body adm-widget">
          <div class="adm-grid">
            <div class="field">
              <span aria-hidden="true">Brand colour</span>
              <span class="adm-color">
                <input type="color" value={color} aria-label="Brand colour" onInput={(e) => change({ brandColor: e.currentTarget.value })} />
                <code>{draft.brandColor ?? "default"}</code>
                {draft.brandColor && <button class="btn btn-sm btn-ghost" type="button" onClick={() => change({ brandColor: null })}>Use default</button>}
              </span>
            </div>
            <fieldset class="field adm-queues">
              <legend>Launcher position</legend>
              {(["right", "left"] as const).map((side) => (
                <label key={side} class="choice">
                  <input type="radio" name="widget-position" checked={draft.position === side} onChange={() => change({ position: side })} /> {side === "right" ? "Bottom right" : "Bottom left"}
                </label>
              ))}
            </fieldset>
            {texts.map((t) => (
              <TextField key={t.key} label={t.label} value={draft[t.key] ?? ""} placeholder={t.placeholder}
                onInput={(value) => change({ [t.key]: value === "" ? null : value })} />
            ))}
          </div>
          <div class="adm-widget-preview" aria-label="Preview" role="img" style={{ "--preview-brand": color }} data-position={look.position}>
            <div class="adm-widget-hero">
              <small>{look.brand}</small>
              <strong>{look.greetingTitle}</strong>
              <span>{look.greetingText}</span>
            </div>
            <span class="adm-widget-start">{look.startLabel}</span>
            <span class="adm-widget-launcher" />
          </div>
        </div>
        <div class="adm-foot">
          <FormError error={error} />
          {saved && <span role="status">Saved: the widget shows it on the next page a visitor opens.</span>}
          <button class="btn btn-primary" type="submit">Save</button>
        </div>
      </form>
    </section>
  );
}
