import type { Page } from '../../lib/api';

/** The printed page label at a code-point offset of a paged source; null when unpaged. */
export function pageAt(pages: Page[], offset: number): string | null {
  let label: string | null = null;
  for (const p of pages) {
    if (p.start <= offset) label = p.label;
    else break;
  }
  return label;
}

/**
 * A quotation ready to paste: the quote with its in-text citation and where it
 * is (page, else paragraph), then the reference entry, both rendered by the
 * citation style (the API's `cite`): 「…」[1]（第 3 段）\n\n[1] 刘宗智. …[N]. ….
 */
export function quoteWithCitation(
  exact: string,
  rendered: { citation: string; entry: string },
  where: { page: string | null; paragraph: number },
  lang: string,
): string {
  if (lang === 'en') {
    const at = where.page ? `p. ${where.page}` : `para. ${where.paragraph}`;
    return `“${exact}” ${rendered.citation} (${at})\n\n${rendered.entry}`;
  }
  const at = where.page ? `第 ${where.page} 页` : `第 ${where.paragraph} 段`;
  return `「${exact}」${rendered.citation}（${at}）\n\n${rendered.entry}`;
}
