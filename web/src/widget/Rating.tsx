import { useState } from "preact/hooks";
import type { VisitorClient } from "./visitor";
import { describe } from "../shared/errors";
import { StarIcon } from "../shared/icons";

const faces = ["Very poor", "Poor", "Okay", "Good", "Excellent"];

/** End of a session: CSAT 1–5 (required), NPS 0–10 (optional) and a comment, then a way to start over. */
export function Rating({ client, agentName }: { client: VisitorClient; agentName: string | null }) {
  const [csat, setCsat] = useState(0);
  const [nps, setNps] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const accepted = !!client.thread.value?.session.value?.timings.acceptedAt;

  if (client.rated.value || !accepted) {
    return (
      <div class="rating done" role="status">
        <strong>{client.rated.value ? "Thanks for your feedback!" : "This conversation has ended."}</strong>
        <span>{client.rated.value ? "It helps us get better every day." : "We're sorry we couldn't connect this time."}</span>
        <button class="btn btn-primary" type="button" data-autofocus onClick={() => client.newConversation()}>Start a new conversation</button>
      </div>
    );
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (!csat) return setError("Choose a rating from 1 to 5 stars.");
    setBusy(true);
    setError(null);
    try {
      await client.rate(csat, nps, comment.trim() || null);
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="rating" onSubmit={submit} aria-labelledby="eng-rate-title">
      <strong id="eng-rate-title">How was your chat{agentName ? ` with ${agentName}` : ""}?</strong>
      <div class="stars" role="radiogroup" aria-label="Satisfaction, 1 to 5 stars">
        {faces.map((label, i) => (
          <button key={label} type="button" role="radio" aria-checked={csat === i + 1} aria-label={`${i + 1} star${i ? "s" : ""}: ${label}`}
            class={`star${csat > i ? " on" : ""}`} data-autofocus={i === 0 ? true : undefined} onClick={() => setCsat(i + 1)}>
            <StarIcon size={26} />
          </button>
        ))}
      </div>
      {csat > 0 && <span class="star-label">{faces[csat - 1]}</span>}
      <fieldset class="nps">
        <legend>How likely are you to recommend us to a friend? <span>(optional)</span></legend>
        <div class="nps-scale" role="radiogroup" aria-label="Likelihood to recommend, 0 to 10">
          {Array.from({ length: 11 }, (_, n) => (
            <button key={n} type="button" role="radio" aria-checked={nps === n} class={nps === n ? "on" : ""} onClick={() => setNps(nps === n ? null : n)}>{n}</button>
          ))}
        </div>
        <div class="nps-ends" aria-hidden="true"><span>Not likely</span><span>Very likely</span></div>
      </fieldset>
      <label class="sr-only" for="eng-comment">Comment (optional)</label>
      <textarea id="eng-comment" class="input" rows={2} maxLength={1000} placeholder="Anything else? (optional)" value={comment}
        onInput={(e) => setComment(e.currentTarget.value)} />
      {error && <p class="error" role="alert">{error}</p>}
      <div class="rating-actions">
        <button class="btn btn-primary" type="submit" disabled={busy}>{busy ? "Sending…" : "Send feedback"}</button>
        <button class="btn ghost" type="button" onClick={() => client.newConversation()}>Skip</button>
      </div>
    </form>
  );
}
