import { describe, expect, it } from 'vitest';
import type { Collection } from '../../lib/api';
import { pathOf, treeRows } from './collectionTree';

const c = (id: number, name: string, parentId: number | null, position = id): Collection => ({
  id, name, parentId, position, articleCount: 0, createdAt: '', modifiedAt: '',
});

describe('collection tree', () => {
  const list = [c(1, 'Sora', null), c(2, '报道', 1), c(3, '评论', null), c(4, '2024', 2), c(5, '孤儿', 99)];

  it('lists parents before their children with depths, orphans at the top', () => {
    expect(treeRows(list).map((r) => `${'-'.repeat(r.depth)}${r.collection.name}`)).toEqual([
      'Sora', '-报道', '--2024', '评论', '孤儿',
    ]);
  });

  it('names a collection by its path', () => {
    expect(pathOf(list, 4)).toBe('Sora/报道/2024');
  });
});
