// Themes the reader picked lately (newest first), kept in this browser so the
// picker offers them first. Losing the list loses nothing but the order.
const KEY = 'pizhu.recentThemes';
const KEEP = 12;

export function recentThemes(): string[] {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberTheme(name: string): void {
  const list = [name, ...recentThemes().filter((n) => n !== name)].slice(0, KEEP);
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // Storage full or blocked: the picker just falls back to tree order.
  }
}
