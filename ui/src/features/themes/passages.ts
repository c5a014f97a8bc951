import type { Highlight } from '../../lib/api';

export interface ArticleGroup {
  articleId: number;
  title: string;
  passages: Highlight[];
}

/**
 * `themePassages` may answer grouped by article (`[{articleId, title, highlights|passages}]`)
 * or as a flat list of highlights; both become groups in text order.
 */
export function groupPassages(raw: unknown, titles: Map<number, string>): ArticleGroup[] {
  const list = Array.isArray(raw) ? raw : ((raw as { articles?: unknown[]; passages?: unknown[] })?.articles ?? (raw as { passages?: unknown[] })?.passages ?? []);
  const groups = new Map<number, ArticleGroup>();
  for (const item of list as Record<string, unknown>[]) {
    const nested = (item.highlights ?? item.passages) as Highlight[] | undefined;
    if (Array.isArray(nested)) {
      const id = Number(item.articleId ?? item.id);
      const g = groups.get(id) ?? { articleId: id, title: String(item.title ?? titles.get(id) ?? `#${id}`), passages: [] };
      g.passages.push(...nested.map((h) => ({ ...h, articleId: h.articleId ?? id })));
      groups.set(id, g);
    } else {
      const h = item as unknown as Highlight;
      const g = groups.get(h.articleId) ?? { articleId: h.articleId, title: String((item as { title?: string }).title ?? titles.get(h.articleId) ?? `#${h.articleId}`), passages: [] };
      g.passages.push(h);
      groups.set(h.articleId, g);
    }
  }
  for (const g of groups.values()) g.passages.sort((a, b) => a.start - b.start);
  return [...groups.values()];
}
