import { describe, expect, it } from 'vitest';
import { branchIds, flattenTree } from './tree';
import type { Theme } from '../../lib/api';

const th = (id: number, name: string, parentId: number | null, position: number, highlightCount: number, branchCount = highlightCount): Theme => ({
  id, name, parentId, position, highlightCount, branchCount, color: '#999999', memo: '', description: '', keywords: [], createdAt: '', modifiedAt: '',
});

describe('code book tree', () => {
  // 技术 2 + 算法 4 + 偏见 3 would sum to 9, but passages coded with a parent and its
  // child are one passage: the core's distinct branch counts (7, 5) are what is shown.
  const themes = [th(1, '技术', null, 1, 2, 7), th(2, '伦理', null, 0, 1), th(3, '算法', 1, 0, 4, 5), th(4, '偏见', 3, 0, 3)];

  it('orders parents before children by position, with each branch counted once', () => {
    const flat = flattenTree(themes);
    expect(flat.map((n) => [n.theme.name, n.depth, n.total])).toEqual([
      ['伦理', 0, 1],
      ['技术', 0, 7],
      ['算法', 1, 5],
      ['偏见', 2, 3],
    ]);
  });

  it('finds a whole branch', () => {
    expect([...branchIds(themes, 1)].sort()).toEqual([1, 3, 4]);
  });
});
