// Completing theme names in the search box: while the word at the caret is
// `theme:…` (or `主题:` / `主題:`, either colon), the code book's names that
// contain what is typed are offered, those starting with it first.

export interface ThemeCompletion {
  /** Where the typed name starts and the word ends (UTF-16 indices into the query). */
  from: number;
  to: number;
  names: string[];
}

const FILTER_AT_CARET = /(?:^|\s)(?:theme|主题|主題)[:：]("?)([^\s"]*)$/i;

export function themeCompletion(query: string, caret: number, names: string[], limit = 8): ThemeCompletion | null {
  const m = FILTER_AT_CARET.exec(query.slice(0, caret));
  if (!m) return null;
  const typed = m[2];
  const from = caret - typed.length - m[1].length;
  const to = caret + (/^[^\s]*/.exec(query.slice(caret))?.[0].length ?? 0);
  const q = typed.toLowerCase();
  const found = names.filter((n) => n.toLowerCase().includes(q));
  // A name typed out in full needs no completion.
  if (found.length === 1 && found[0] === typed) return null;
  const starts = found.filter((n) => n.toLowerCase().startsWith(q));
  const inside = found.filter((n) => !n.toLowerCase().startsWith(q));
  const ranked = [...starts, ...inside].slice(0, limit);
  return ranked.length ? { from, to, names: ranked } : null;
}

/** The query with `name` put in place of what was typed (quoted when it holds a space), and the caret after it. */
export function applyThemeCompletion(query: string, c: ThemeCompletion, name: string): { query: string; caret: number } {
  const value = /[\s"]/.test(name) ? `"${name.replaceAll('"', '')}"` : name;
  const rest = query.slice(c.to);
  const spaced = rest.startsWith(' ') ? rest : ` ${rest}`;
  return { query: query.slice(0, c.from) + value + spaced, caret: c.from + value.length + 1 };
}
