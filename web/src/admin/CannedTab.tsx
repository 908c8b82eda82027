import { useState } from "preact/hooks";
import type { AdminApi } from "./api";
import type { CannedResponse } from "./types";
import { useLoad } from "./useLoad";
import { FormError } from "./FormError";
import { TableCard } from "./TableCard";
import { TextField } from "./TextField";

/** The team's canned responses: create, edit, delete. */
export function CannedTab({ api }: { api: AdminApi }) {
  const list = useLoad(api.cannedResponses);
  const [editing, setEditing] = useState<CannedResponse | null>(null);
  const [shortcut, setShortcut] = useState("");
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [error, setError] = useState<unknown>(null);

  const edit = (canned: CannedResponse | null) => {
    setEditing(canned);
    setShortcut(canned?.shortcut ?? "");
    setTitle(canned?.title ?? "");
    setText(canned?.text ?? "");
    setError(null);
  };

  async function run(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
      edit(null);
      list.reload();
    } catch (e) {
      setError(e);
    }
  }

  const save = (event: Event) => {
    event.preventDefault();
    void run(() => editing ? api.updateCanned({ id: editing.id, shortcut, title, text }) : api.createCanned({ shortcut, title, text }));
  };

  return (
    <section class="adm-tab" aria-label="Canned responses">
      <TableCard label="Canned responses">
        <table class="table">
          <thead><tr><th>Shortcut</th><th>Title</th><th>Text</th><th /></tr></thead>
          <tbody>
            {(list.data ?? []).map((c) => (
              <tr key={c.id}>
                <td class="mono">/{c.shortcut}</td><td>{c.title}</td><td class="adm-text">{c.text}</td>
                <td>
                  <button class="btn btn-sm btn-ghost" type="button" onClick={() => edit(c)}>Edit</button>
                  <button class="btn btn-sm btn-ghost" type="button" onClick={() => void run(() => api.deleteCanned(c.id))}>Delete</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <FormError error={list.error} />
      </TableCard>
      <form class="card adm-form" onSubmit={save} aria-label="Canned response">
        <div class="card-head"><h2>{editing ? `Edit /${editing.shortcut}` : "New canned response"}</h2></div>
        <div class="card-body adm-grid">
          <TextField label="Shortcut" value={shortcut} onInput={setShortcut} required />
          <TextField label="Title" value={title} onInput={setTitle} required />
          <label class="field adm-wide">
            <span>Text</span>
            <textarea class="textarea" value={text} required onInput={(e) => setText(e.currentTarget.value)} />
          </label>
        </div>
        <div class="adm-foot">
          <FormError error={error} />
          {editing && <button class="btn btn-ghost" type="button" onClick={() => edit(null)}>Cancel</button>}
          <button class="btn btn-primary" type="submit">{editing ? "Save" : "Create"}</button>
        </div>
      </form>
    </section>
  );
}
