export class ReaderPage {
  constructor(page) {
    this.page = page;
    this.text = page.getByTestId('reader-text');
    this.toolbar = page.getByTestId('selection-toolbar');
    this.editor = page.getByTestId('highlight-editor');
    this.notes = page.getByTestId('notes-panel');
    this.orphans = this.notes.getByTestId('orphan');
    this.placeHint = this.notes.getByTestId('place-hint');
    this.keysHint = page.getByTestId('reader-keys');
  }

  /** The "place at selection" button of the orphan showing `text`. */
  placeButton(text) {
    return this.orphans.filter({ hasText: text }).getByTestId('place-orphan');
  }

  /** What the browser has selected, as text. */
  async selectedText() {
    return this.page.evaluate(() => getSelection().toString());
  }

  /** Wait until the selection is `text` (keyboard steps may wait for the core's word cut). */
  async waitSelected(text) {
    await this.page.waitForFunction((t) => getSelection().toString() === t, text, { timeout: 5000 }).catch(async () => {
      throw new Error(`expected the selection "${text}", found "${await this.selectedText()}"`);
    });
  }

  /** Press `key` until the focused element matches `selector`, as a keyboard user looks for a control. */
  async pressUntilFocused(key, selector, max = 40) {
    for (let i = 0; i < max; i++) {
      if (await this.page.evaluate((s) => !!document.activeElement?.matches(s), selector)) return;
      await this.page.keyboard.press(key);
    }
    throw new Error(`${max} × ${key} never reached ${selector}`);
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
