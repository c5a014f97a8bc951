import { describe, expect, it } from 'vitest';
import { branchIds, flattenTree } from './tree';
import type { Theme } from '../../lib/api';

const th = (id: number, name: string, parentId: number | null, position: number, highlightCount: number): Theme => ({
  id, name, parentId, position, highlightCount, color: '#999999', memo: '', description: '', keywords: [], createdAt: '', modifiedAt: '',
});

describe('code book tree', () => {
  const themes = [th(1, '技术', null, 1, 2), th(2, '伦理', null, 0, 1), th(3, '算法', 1, 0, 4), th(4, '偏见', 3, 0, 3)];

  it('orders parents before children by position and sums counts', () => {
    const flat = flattenTree(themes);
    expect(flat.map((n) => [n.theme.name, n.depth, n.total])).toEqual([
      ['伦理', 0, 1],
      ['技术', 0, 9],
      ['算法', 1, 7],
      ['偏见', 2, 3],
    ]);
  });

  it('finds a whole branch', () => {
    expect([...branchIds(themes, 1)].sort()).toEqual([1, 3, 4]);
  });
});
