// The shell: open the app with its token, navigate, keyboard shortcuts.
export class App {
  constructor(page, server) {
    this.page = page;
    this.server = server;
  }

  /** First visit carries the token in the address; the UI keeps it for the tab. */
  async open(hash = '#/library') {
    const url = new URL(this.server.url);
    url.hash = hash;
    await this.page.goto(url.toString());
    await this.page.locator('main#main').waitFor();
  }

  async goto(hash) {
    await this.page.evaluate((h) => (location.hash = h), hash);
  }

  toast(text) {
    return this.page.locator('.toast', { hasText: text });
  }

  async undoFromToast() {
    await this.page.locator('.toast .toast-action').first().click();
  }
}
