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

  /** Drop a file on the library as a file manager would. */
  async dropFile(name, text) {
    const transfer = await this.page.evaluateHandle(([name, text]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'text/markdown' }));
      return dt;
    }, [name, text]);
    await this.page.dispatchEvent('section.library', 'dragover', { dataTransfer: transfer });
    await this.page.dispatchEvent('section.library', 'drop', { dataTransfer: transfer });
  }

  async editDetails(title, fields) {
    await this.page.getByRole('button', { name: `编辑信息：《${title}》` }).click();
    const dialog = this.page.getByRole('dialog', { name: '编辑文章信息' });
    for (const [label, value] of Object.entries(fields)) await dialog.getByLabel(label).fill(value);
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  article(title) {
    return this.articles.filter({ hasText: title });
  }
}
