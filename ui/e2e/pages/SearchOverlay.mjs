export class SearchOverlay {
  constructor(page) {
    this.page = page;
    this.input = page.getByTestId('search-input');
    this.hits = page.getByTestId('search-hit');
  }

  async openWithShortcut() {
    await this.page.locator('body').click({ position: { x: 5, y: 5 } }).catch(() => {});
    await this.page.keyboard.press('Control+k');
    await this.input.waitFor();
  }

  async type(query) {
    await this.input.pressSequentially(query, { delay: 30 });
  }
}
