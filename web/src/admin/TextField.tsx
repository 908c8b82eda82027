/** A labelled input of the admin forms. */
export function TextField({ label, value, onInput, type = "text", required, placeholder }: {
  label: string; value: string; onInput: (value: string) => void; type?: "text" | "number" | "email"; required?: boolean; placeholder?: string;
}) {
  return (
    <label class="field">
      <span>{label}</span>
      {/* Preact types each input kind apart; any of these three takes the same attributes. */}
      <input class="input" type={type as "text"} value={value} required={required} placeholder={placeholder}
        onInput={(e) => onInput(e.currentTarget.value)} />
    </label>
  );
}
