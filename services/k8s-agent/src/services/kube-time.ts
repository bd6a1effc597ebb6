/**
 * A Kubernetes timestamp as the API writes it (`2026-12-03T16:22:07Z`). client-node hands back Date objects
 * (and strings where a test or a proxy passes them through); whole seconds drop the `.000` JavaScript adds.
 */
export function toTimestamp(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : null;
  return date.toISOString().replace(/\.000Z$/, 'Z');
}

/** Milliseconds since the epoch, for ordering; -Infinity when absent so undated items sort last. */
export function toMillis(value: Date | string | null | undefined): number {
  if (value === null || value === undefined) return Number.NEGATIVE_INFINITY;
  const ms = (value instanceof Date ? value : new Date(value)).getTime();
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}
