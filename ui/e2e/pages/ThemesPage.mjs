export class ThemesPage {
  constructor(page) {
    this.page = page;
    this.tree = page.getByRole('tree');
    this.themePage = page.getByTestId('theme-page');
    this.passageLinks = page.getByTestId('passage-link');
  }

  row(name) {
    return this.tree.getByRole('treeitem').filter({ hasText: name });
  }

  async openPassages(name) {
    await this.row(name).getByRole('link').click();
    await this.themePage.waitFor();
  }

  passage(text) {
    return this.themePage.locator('.passage', { hasText: text });
  }
}
