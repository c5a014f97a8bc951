import type { Article } from '../../lib/api';

/** A quotation ready to paste: 「…」（作者《标题》，来源，日期，第 N 段）. */
export function citation(article: Pick<Article, 'title' | 'authors' | 'source' | 'published'>, exact: string, paragraph: number, lang: string): string {
  const parts: string[] = [];
  if (lang === 'en') {
    const who = article.authors.join(', ');
    const where = [article.source, article.published].filter(Boolean).join(', ');
    return `“${exact}” (${[who, `“${article.title}”`, where, `para. ${paragraph}`].filter(Boolean).join(', ')})`;
  }
  const head = `${article.authors.join('、')}《${article.title}》`;
  parts.push(head);
  if (article.source) parts.push(article.source);
  if (article.published) parts.push(article.published);
  parts.push(`第 ${paragraph} 段`);
  return `「${exact}」（${parts.join('，')}）`;
}
