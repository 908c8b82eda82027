import { ServerError, describe } from "../shared/errors";

/** An API refusal next to the form that caused it: the problem's code and its words. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  const code = error instanceof ServerError ? error.code : "error";
  return (
    <p class="error-text adm-error" role="alert">
      <code>{code}</code> {describe(error)}
    </p>
  );
}
