import { describe, expect, it } from 'vitest';
import { ArticleFind, type FindMatch } from './find.svelte';

const AT = (...starts: number[]): FindMatch[] => starts.map((s) => ({ start: s, end: s + 2 }));

describe('ArticleFind', () => {
  it('starts at the first match at or after the reading position and wraps both ways', async () => {
    const find = new ArticleFind(async () => AT(40, 5, 90));
    await find.search('影视', 30);
    expect(find.matches.map((m) => m.start)).toEqual([5, 40, 90]);
    expect(find.current).toBe(1);
    find.next();
    expect(find.currentMatch?.start).toBe(90);
    find.next();
    expect(find.current).toBe(0);
    find.previous();
    expect(find.current).toBe(2);
  });

  it('falls back to the first match when none lies after the position', async () => {
    const find = new ArticleFind(async () => AT(5, 40));
    await find.search('x', 100);
    expect(find.current).toBe(0);
  });

  it('has no current match when nothing is found or the query is blank', async () => {
    let asked = 0;
    const find = new ArticleFind(async () => (asked++, []));
    await find.search('无');
    expect([find.current, find.matches.length]).toEqual([-1, 0]);
    find.next();
    expect(find.current).toBe(-1);
    await find.search('   ');
    expect(asked).toBe(1);
  });

  it('drops an answer that comes back after a newer query', async () => {
    const pending: Record<string, (m: FindMatch[]) => void> = {};
    const find = new ArticleFind((q) => new Promise((resolve) => (pending[q] = resolve)));
    const slow = find.search('影');
    const fast = find.search('影视');
    pending['影视'](AT(7));
    await fast;
    pending['影'](AT(1, 2, 3));
    await slow;
    expect(find.matches.map((m) => m.start)).toEqual([7]);
    expect(find.query).toBe('影视');
  });
});
