/** An audit entry's summary in words: shown values as "name: value", other changed fields by name. */
export function describeSummary(summary: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof summary.count === "number") parts.push(`${summary.count} items`);
  const fields = Array.isArray(summary.fields) ? (summary.fields as string[]) : [];
  for (const field of fields) {
    const value = summary[field];
    parts.push(value === undefined ? field : `${field}: ${Array.isArray(value) ? value.join(", ") : String(value)}`);
  }
  return parts.join(" · ");
}
