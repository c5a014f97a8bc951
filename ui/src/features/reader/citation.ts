/**
 * A quotation ready to paste: the quote with its in-text citation and where it
 * is (paragraph, and the page locator of a paged source: `12` or `12-13`), then
 * the reference entry, both rendered by the citation style (the API's `cite`):
 * 「…」[1]（第 3 段，第 12 页）\n\n[1] 刘宗智. …[N]. ….
 */
export function quoteWithCitation(
  exact: string,
  rendered: { citation: string; entry: string },
  where: { page: string | null; paragraph: number },
  lang: string,
): string {
  if (lang === 'en') {
    const page = where.page ? `, ${where.page.includes('-') ? 'pp.' : 'p.'} ${where.page}` : '';
    return `“${exact}” ${rendered.citation} (para. ${where.paragraph}${page})\n\n${rendered.entry}`;
  }
  const at = `第 ${where.paragraph} 段` + (where.page ? `，第 ${where.page} 页` : '');
  return `「${exact}」${rendered.citation}（${at}）\n\n${rendered.entry}`;
}
