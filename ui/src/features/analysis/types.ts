// Helpers the analysis tabs share. The operations' result types are generated from
// the Rust types (lib/api/generated).

/** The reader's address for a span (the reader scrolls to it and marks it). */
export function spotHref(articleId: number, start: number, end: number): string {
  return `#/article/${articleId}?at=${start}&len=${Math.max(0, end - start)}`;
}

/** A heat-map cell's background: the theme's colour, stronger with the count. */
export function heat(color: string, n: number, max: number): { bg?: string } {
  if (!n) return {};
  const pct = Math.round(18 + 72 * (n / Math.max(1, max)));
  return { bg: `color-mix(in srgb, ${color} ${pct}%, var(--surface))` };
}
