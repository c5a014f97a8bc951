export class ReaderPage {
  constructor(page) {
    this.page = page;
    this.text = page.getByTestId('reader-text');
    this.toolbar = page.getByTestId('selection-toolbar');
    this.editor = page.getByTestId('highlight-editor');
    this.notes = page.getByTestId('notes-panel');
  }

  async waitDrawn() {
    await this.page.locator('[data-testid="reader-text"][data-drawn="true"]').waitFor();
  }

  highlights(text) {
    return this.text.locator('.hl', { hasText: text });
  }

  /** Drag the mouse across `phrase` as a reader would. */
  async selectWithMouse(phrase) {
    const box = await this.page.evaluate((phrase) => {
      const root = document.querySelector('[data-testid="reader-text"]');
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.data.indexOf(phrase);
        if (i < 0) continue;
        n.parentElement.scrollIntoView({ block: 'center' });
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + phrase.length);
        const rects = [...r.getClientRects()];
        const first = rects[0];
        const last = rects[rects.length - 1];
        return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
      }
      return null;
    }, phrase);
    if (!box) throw new Error(`"${phrase}" is not on the page as plain text`);
    await this.page.mouse.move(box.x1, box.y1);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x2, box.y2, { steps: 10 });
    await this.page.mouse.up();
    await this.toolbar.waitFor();
  }

  async openThemesAndNote() {
    await this.toolbar.getByTestId('toolbar-more').click();
  }

  async addTheme(theme) {
    await this.toolbar.getByTestId('theme-input').fill(theme);
    await this.toolbar.getByTestId('theme-input').press('Enter');
  }

  async writeNote(note) {
    await this.toolbar.getByTestId('note-input').fill(note);
  }

  async saveHighlight() {
    await this.toolbar.getByTestId('save-highlight').click();
    await this.toolbar.waitFor({ state: 'detached' });
  }

  async openHighlight(text) {
    await this.highlights(text).first().click();
    await this.editor.waitFor();
  }

  async deleteOpenHighlight() {
    await this.editor.getByTestId('delete-highlight').click();
    await this.editor.waitFor({ state: 'detached' });
  }

  /** Whether the element holding `offset` is flashing and inside the viewport. */
  async flashedParagraphText() {
    const flashed = this.page.locator('.para.flash');
    await flashed.waitFor();
    return flashed.innerText();
  }
}
