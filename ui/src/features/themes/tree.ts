import type { Theme } from '../../lib/api';

export interface ThemeNode {
  theme: Theme;
  depth: number;
  /** Highlights of this theme and all themes under it, each counted once (the core counts them). */
  total: number;
}

/** The code book as a flat list in tree order (parents before children, by position). */
export function flattenTree(themes: Theme[]): ThemeNode[] {
  const children = new Map<number | null, Theme[]>();
  const ids = new Set(themes.map((th) => th.id));
  for (const th of themes) {
    const parent = th.parentId !== null && ids.has(th.parentId) ? th.parentId : null;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent)!.push(th);
  }
  for (const list of children.values()) list.sort((a, b) => a.position - b.position || a.name.localeCompare(b.name, 'zh-CN'));
  const out: ThemeNode[] = [];
  // Summing the children's counts would count a passage coded with a parent and its child twice.
  const walk = (parent: number | null, depth: number) => {
    for (const th of children.get(parent) ?? []) {
      out.push({ theme: th, depth, total: th.branchCount });
      walk(th.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** Ids of `id` and everything under it (a theme cannot move into its own branch). */
export function branchIds(themes: Theme[], id: number): Set<number> {
  const out = new Set<number>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const th of themes) {
      if (th.parentId !== null && out.has(th.parentId) && !out.has(th.id)) {
        out.add(th.id);
        grew = true;
      }
    }
  }
  return out;
}
