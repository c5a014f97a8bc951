import type { Article } from '../../lib/api';

/**
 * A quotation ready to paste: 「…」（作者《标题》，来源，日期，第 N 段，第 12 页）.
 * `page` is the page locator of a passage from a paged source: its first
 * page's label, or `12-13` when it spans pages.
 */
export function citation(
  article: Pick<Article, 'title' | 'authors' | 'source' | 'published'>,
  exact: string,
  paragraph: number,
  lang: string,
  page?: string | null,
): string {
  const parts: string[] = [];
  if (lang === 'en') {
    const who = article.authors.join(', ');
    const where = [article.source, article.published].filter(Boolean).join(', ');
    const pages = page ? `${page.includes('-') ? 'pp.' : 'p.'} ${page}` : '';
    return `“${exact}” (${[who, `“${article.title}”`, where, `para. ${paragraph}`, pages].filter(Boolean).join(', ')})`;
  }
  const head = `${article.authors.join('、')}《${article.title}》`;
  parts.push(head);
  if (article.source) parts.push(article.source);
  if (article.published) parts.push(article.published);
  parts.push(`第 ${paragraph} 段`);
  if (page) parts.push(`第 ${page} 页`);
  return `「${exact}」（${parts.join('，')}）`;
}
