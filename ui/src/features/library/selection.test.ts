import { describe, expect, it } from 'vitest';
import { ArticleSelection } from './selection.svelte';

const order = [5, 3, 9, 1, 7];

describe('ArticleSelection', () => {
  it('toggles one article per click', () => {
    const s = new ArticleSelection();
    s.click(3, order);
    s.click(9, order);
    s.click(3, order);
    expect(s.ids).toEqual([9]);
  });

  it('ticks the range from the last click with shift, in list order, either direction', () => {
    const s = new ArticleSelection();
    s.click(3, order);
    s.click(7, order, true);
    expect(s.ids.sort()).toEqual([1, 3, 7, 9]);
    s.clear();
    s.click(1, order);
    s.click(5, order, true);
    expect(s.ids.sort()).toEqual([1, 3, 5, 9]);
  });

  it('a shift-click with nothing clicked before ticks just that one', () => {
    const s = new ArticleSelection();
    s.click(9, order, true);
    expect(s.ids).toEqual([9]);
  });

  it('select all ticks what is shown, and a second time unticks it', () => {
    const s = new ArticleSelection();
    s.click(2, [2, ...order]);
    s.toggleAll(order);
    expect(s.allOf(order)).toBe(true);
    expect(s.size).toBe(6);
    s.toggleAll(order);
    expect(s.ids).toEqual([2]);
  });

  it('forgets articles no longer listed', () => {
    const s = new ArticleSelection();
    s.toggleAll(order);
    s.keepOnly([3, 7]);
    expect(s.ids.sort()).toEqual([3, 7]);
  });
});
