import { useState } from "preact/hooks";
import type { VisitorClient } from "./visitor";
import type { LiveChat } from "./liveChat";
import { describe } from "../shared/errors";
import { StarIcon } from "../shared/icons";
import { RadioGroup } from "../shared/RadioGroup";
import { CharCount } from "../shared/CharCount";
import { lengthStatus, limits } from "../shared/limits";

const faces = ["Very poor", "Poor", "Okay", "Good", "Excellent"];
const stars = faces.map((face, i) => ({ value: i + 1, label: `${i + 1} star${i ? "s" : ""}: ${face}`, content: <StarIcon size={26} />, class: "star" }));
const npsScale = Array.from({ length: 11 }, (_, n) => ({ value: n, label: String(n), content: n }));

/**
 * End of a session: CSAT 1–5 (required), NPS 0–10 (optional) and a comment, then a way to start over. Both scales
 * are radio groups (one tab stop each, arrows move); the first star is where focus goes when the rating appears.
 */
export function Rating({ client, chat, agentName }: { client: VisitorClient; chat: LiveChat; agentName: string | null }) {
  const [csat, setCsat] = useState(0);
  const [nps, setNps] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const accepted = !!chat.thread.session.value?.timings.acceptedAt;
  const rated = chat.rated.value;

  if (rated || !accepted) {
    return (
      <div class="rating done" role="status">
        <strong>{rated ? "Thanks for your feedback!" : "This conversation has ended."}</strong>
        <span>{rated ? "It helps us get better every day." : "We're sorry we couldn't connect this time."}</span>
        <button class="btn btn-primary" type="button" data-autofocus onClick={() => client.newConversation()}>Start a new conversation</button>
      </div>
    );
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (!csat) return setError("Choose a rating from 1 to 5 stars.");
    if (lengthStatus(comment, limits.ratingComment).over) return setError(`Shorten the comment to ${limits.ratingComment.toLocaleString("en-US")} characters.`);
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
      <RadioGroup class="stars" label="Satisfaction, 1 to 5 stars" value={csat || null} options={stars}
        optionClass={(_, i) => (csat > i ? "on" : "")}
        onChange={(value) => { setCsat(value); setError(null); }} />
      {csat > 0 && <span class="star-label">{faces[csat - 1]}</span>}
      <fieldset class="nps">
        <legend>How likely are you to recommend us to a friend? <span>(optional)</span></legend>
        <RadioGroup class="nps-scale" label="Likelihood to recommend, 0 to 10" value={nps} options={npsScale}
          optionClass={(checked) => (checked ? "on" : "")} onChange={setNps} />
        <div class="nps-ends" aria-hidden="true"><span>Not likely</span><span>Very likely</span></div>
      </fieldset>
      <label class="sr-only" for="eng-comment">Comment (optional)</label>
      <textarea id="eng-comment" class="input" rows={2} placeholder="Anything else? (optional)" value={comment} dir="auto"
        aria-describedby="eng-comment-count" onInput={(e) => setComment(e.currentTarget.value)} />
      <CharCount id="eng-comment-count" text={comment} max={limits.ratingComment} />
      {error && <p class="error" role="alert">{error}</p>}
      <div class="rating-actions">
        <button class="btn btn-primary" type="submit" disabled={busy}>{busy ? "Sending…" : "Send feedback"}</button>
        <button class="btn ghost" type="button" onClick={() => client.newConversation()}>Skip</button>
      </div>
    </form>
  );
}
