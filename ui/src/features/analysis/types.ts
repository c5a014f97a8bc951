// Shapes of the analysis operations' results (crates/pizhu-analysis/src/library.rs).

export interface ThemeRef { id: number; name: string; color: string; parentId: number | null }
export interface ArticleRef { id: number; title: string }

export interface MatrixReport {
  themes: ThemeRef[];
  articles: ArticleRef[];
  /** counts[theme][article] */
  counts: number[][];
  max: number;
}

export interface PassageLine {
  highlightId: number; articleId: number; title: string;
  start: number; end: number; text: string; note: string; themeIds: number[];
}

export interface CooccurrenceReport {
  themes: ThemeRef[];
  /** Symmetric; the diagonal is each theme's passage count. */
  counts: number[][];
  pairs: unknown[];
}

export interface MeetingLine {
  articleId: number; title: string; highlightIds: number[];
  start: number; end: number; overlapStart: number; overlapEnd: number; text: string;
}

export interface KeyTerm { term: string; weight: number }

export interface KwicLine {
  articleId: number; title: string; start: number; end: number;
  left: string; match: string; right: string; paragraph: number;
}

export interface SuggestionLine {
  articleId: number; title: string; start: number; end: number;
  text: string; score: number; reasons: string[];
}

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
