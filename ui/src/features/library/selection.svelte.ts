// Which articles of the library list are ticked, for bulk actions: a click
// toggles one, Shift+click ticks the range from the last click, "select all"
// ticks what the list shows.
import { SvelteSet } from 'svelte/reactivity';

export class ArticleSelection {
  #ids = new SvelteSet<number>();
  #anchor: number | null = null;

  has(id: number): boolean {
    return this.#ids.has(id);
  }

  get size(): number {
    return this.#ids.size;
  }

  get ids(): number[] {
    return [...this.#ids];
  }

  /** Toggle `id`; with `range`, tick everything in `order` between the last clicked article and `id`. */
  click(id: number, order: number[], range = false): void {
    const from = this.#anchor === null ? -1 : order.indexOf(this.#anchor);
    const to = order.indexOf(id);
    if (range && from >= 0 && to >= 0) {
      const [a, b] = from < to ? [from, to] : [to, from];
      for (const x of order.slice(a, b + 1)) this.#ids.add(x);
    } else if (this.#ids.has(id)) {
      this.#ids.delete(id);
    } else {
      this.#ids.add(id);
    }
    this.#anchor = id;
  }

  /** Are all of `ids` ticked (and at least one)? */
  allOf(ids: number[]): boolean {
    return ids.length > 0 && ids.every((id) => this.#ids.has(id));
  }

  /** Tick all of `ids`, or untick them when they all are. */
  toggleAll(ids: number[]): void {
    if (this.allOf(ids)) for (const id of ids) this.#ids.delete(id);
    else for (const id of ids) this.#ids.add(id);
  }

  clear(): void {
    this.#ids.clear();
    this.#anchor = null;
  }

  /** Forget articles that are no longer listed (deleted, filtered out of the view). */
  keepOnly(ids: number[]): void {
    const keep = new Set(ids);
    for (const id of [...this.#ids]) if (!keep.has(id)) this.#ids.delete(id);
    if (this.#anchor !== null && !keep.has(this.#anchor)) this.#anchor = null;
  }
}
