// Find in the article (Ctrl+F): the matches of what is typed and which one is
// current. Matching happens in the core (the concordance's matcher, which folds
// case, full/half width and traditional/simplified exactly as search does), so
// the UI never normalises text itself.

/** One match, in code points into the article's text. */
export interface FindMatch {
  start: number;
  end: number;
}

export class ArticleFind {
  #lookup: (query: string) => Promise<FindMatch[]>;
  #matches = $state.raw<FindMatch[]>([]);
  #current = $state(-1);
  #query = $state('');
  #asked = 0;

  constructor(lookup: (query: string) => Promise<FindMatch[]>) {
    this.#lookup = lookup;
  }

  get matches(): FindMatch[] {
    return this.#matches;
  }
  /** Index of the current match, -1 when there is none. */
  get current(): number {
    return this.#current;
  }
  get currentMatch(): FindMatch | null {
    return this.#matches[this.#current] ?? null;
  }
  get query(): string {
    return this.#query;
  }

  /**
   * Look `query` up; the current match becomes the first one at or after `from`
   * (where the reader is), so finding does not throw the reader back to the top.
   * An answer that arrives after a newer query was typed is dropped.
   */
  async search(query: string, from = 0): Promise<void> {
    const asked = ++this.#asked;
    this.#query = query;
    if (!query.trim()) {
      this.#matches = [];
      this.#current = -1;
      return;
    }
    const found = await this.#lookup(query);
    if (asked !== this.#asked) return;
    const sorted = [...found].sort((a, b) => a.start - b.start);
    this.#matches = sorted;
    const after = sorted.findIndex((m) => m.start >= from);
    this.#current = sorted.length ? Math.max(after, 0) : -1;
  }

  /** The next match (Enter), wrapping at the end. */
  next(): void {
    const n = this.#matches.length;
    if (n) this.#current = (this.#current + 1) % n;
  }

  /** The previous match (Shift+Enter), wrapping at the start. */
  previous(): void {
    const n = this.#matches.length;
    if (n) this.#current = (this.#current - 1 + n) % n;
  }

  clear(): void {
    this.#asked++;
    this.#query = '';
    this.#matches = [];
    this.#current = -1;
  }
}
