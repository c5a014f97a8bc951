export class LibraryPage {
  constructor(page) {
    this.page = page;
    this.importInput = page.getByTestId('import-input');
    this.report = page.getByTestId('import-report');
    this.articles = page.getByTestId('article-link');
  }

  async importFiles(paths) {
    await this.importInput.setInputFiles(paths);
  }

  article(title) {
    return this.articles.filter({ hasText: title });
  }
}
