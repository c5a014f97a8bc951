// What the theme picker lists: with nothing typed, the themes used lately and
// then the whole code book as a tree; with a query, the themes whose name (or
// a keyword) contains it, recently used first, and a "new theme" entry.
import type { Theme } from '../../lib/api';
import { flattenTree } from '../themes/tree';

export type PickerOption =
  | { kind: 'theme'; theme: Theme; depth: number; path: string; section: 'recent' | 'tree' | 'match'; chosen: boolean }
  | { kind: 'create'; name: string };

/** Lower-cased, full-width Latin and digits as half-width, so ＡＩ finds AI (the core also folds traditional → simplified). */
export function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase().trim();
}

export function pickerOptions(themes: Theme[], chosen: string[], query: string, recent: string[], folded: (s: string) => string = fold): PickerOption[] {
  const nodes = flattenTree(themes);
  const byId = new Map(themes.map((th) => [th.id, th]));
  const pathOf = (th: Theme) => {
    const names = [th.name];
    for (let p = th.parentId !== null ? byId.get(th.parentId) : undefined; p; p = p.parentId !== null ? byId.get(p.parentId) : undefined) names.unshift(p.name);
    return names.join(' › ');
  };
  const isChosen = (th: Theme) => chosen.includes(th.name);
  const recency = (th: Theme) => {
    const i = recent.indexOf(th.name);
    return i < 0 ? Infinity : i;
  };
  const q = folded(query).trim();
  if (!q) {
    const lately = recent.map((name) => themes.find((th) => th.name === name)).filter((th): th is Theme => !!th && !isChosen(th)).slice(0, 5);
    return [
      ...lately.map((th) => ({ kind: 'theme' as const, theme: th, depth: 0, path: pathOf(th), section: 'recent' as const, chosen: false })),
      ...nodes.map((n) => ({ kind: 'theme' as const, theme: n.theme, depth: n.depth, path: pathOf(n.theme), section: 'tree' as const, chosen: isChosen(n.theme) })),
    ];
  }
  const rank = (th: Theme) => {
    const name = folded(th.name);
    if (name === q) return 0;
    if (name.startsWith(q)) return 1;
    if (name.includes(q)) return 2;
    return 3; // a keyword matched
  };
  const matches = nodes
    .map((n, order) => ({ n, order }))
    .filter(({ n }) => folded(n.theme.name).includes(q) || n.theme.keywords.some((k) => folded(k).includes(q)))
    .sort((a, b) => rank(a.n.theme) - rank(b.n.theme) || recency(a.n.theme) - recency(b.n.theme) || a.order - b.order);
  const out: PickerOption[] = matches.map(({ n }) => ({ kind: 'theme', theme: n.theme, depth: 0, path: pathOf(n.theme), section: 'match', chosen: isChosen(n.theme) }));
  const name = query.trim();
  if (!themes.some((th) => folded(th.name) === q) && !chosen.includes(name)) out.push({ kind: 'create', name });
  return out;
}
