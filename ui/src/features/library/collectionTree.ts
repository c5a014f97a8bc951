// The collections as a flat list in tree order, each with its depth, for the
// sidebar and the "add to" menus.
import type { Collection } from '../../lib/api';

export interface CollectionRow {
  collection: Collection;
  depth: number;
}

export function treeRows(list: Collection[]): CollectionRow[] {
  const out: CollectionRow[] = [];
  const ids = new Set(list.map((c) => c.id));
  const seen = new Set<number>();
  const walk = (parent: number | null, depth: number) => {
    for (const c of list) {
      // A collection whose parent is unknown shows at the top rather than not at all.
      const at = c.parentId !== null && ids.has(c.parentId) ? c.parentId : null;
      if (at !== parent || seen.has(c.id)) continue;
      seen.add(c.id);
      out.push({ collection: c, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** `parent/child` for a collection, as the CLI names it. */
export function pathOf(list: Collection[], id: number): string {
  const parts: string[] = [];
  let at: number | null = id;
  while (at !== null && parts.length <= list.length) {
    const c = list.find((x) => x.id === at);
    if (!c) break;
    parts.unshift(c.name);
    at = c.parentId;
  }
  return parts.join('/');
}
