// The analysis screen: its tabs, the heat maps, the concordance and the suggestions.
export class AnalysisPage {
  constructor(page) {
    this.page = page;
    this.matrix = page.getByTestId('theme-matrix');
    this.cooccurrence = page.getByTestId('cooccurrence-matrix');
    this.cellPassages = page.getByTestId('cell-passages');
    this.kwicRows = page.getByTestId('kwic-row');
    this.kwicCount = page.getByTestId('kwic-count');
    this.suggestions = page.getByTestId('suggestion');
    this.keyTerms = page.getByTestId('key-terms');
    this.subThemesSwitch = page.getByTestId('matrix-sub-themes');
    this.grandTotal = this.matrix.getByTestId('grand-total');
    this.dismissedList = page.getByTestId('dismissed-suggestions');
    this.dismissed = page.getByTestId('dismissed-suggestion');
    this.backToArticle = page.getByTestId('back-to-article');
  }

  /** A theme's row total in the heat map. */
  rowTotal(theme) {
    return this.matrix.locator('tbody tr').filter({ has: this.page.getByRole('rowheader', { name: theme, exact: true }) }).getByTestId('row-total');
  }

  /** The total under the `index`-th article column. */
  columnTotal(index) {
    return this.matrix.getByTestId('column-total').nth(index);
  }

  async tab(name) {
    await this.page.getByTestId(`tab-${name}`).click();
  }

  /** The heat-map cell of a theme in an article (named as a screen reader hears it). */
  matrixCell(theme, articleTitle) {
    return this.matrix.getByRole('button', { name: new RegExp(`^${theme} × ${escape(articleTitle)}`) });
  }

  pairCell(a, b) {
    return this.cooccurrence.getByRole('button', { name: new RegExp(`^${a} 与 ${b}`) });
  }

  async concordance(term, sort) {
    await this.tab('kwic');
    await this.page.getByTestId('kwic-input').fill(term);
    if (sort) await this.page.getByTestId('kwic-sort').selectOption(sort);
    await this.page.getByTestId('kwic-run').click();
    await this.kwicCount.waitFor();
  }

  /** Where each row's match starts on screen (aligned rows share one x). */
  async matchLefts() {
    return this.page.locator('.kwic-match').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().left));
  }

  async suggestFor(theme) {
    await this.tab('suggestions');
    await this.page.getByTestId('suggest-theme').selectOption({ label: theme });
  }
}

function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
