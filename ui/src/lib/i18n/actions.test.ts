import { describe, expect, it } from 'vitest';
import type { UndoAction } from '../api/types';
import { describeAction, historyToast } from './actions';

const samples: UndoAction[] = [
  { kind: 'addHighlight', quote: '引文' },
  { kind: 'editHighlight', quote: '引文' },
  { kind: 'deleteHighlight', quote: '引文' },
  { kind: 'placeHighlight', quote: '引文' },
  { kind: 'tagHighlight', quote: '引文', theme: '主题' },
  { kind: 'untagHighlight', quote: '引文', theme: '主题' },
  { kind: 'addTheme', name: '主题' },
  { kind: 'editTheme', name: '主题' },
  { kind: 'moveTheme', name: '主题' },
  { kind: 'deleteTheme', name: '主题' },
  { kind: 'renameTheme', from: '甲', to: '乙' },
  { kind: 'mergeThemes', from: '甲', into: '乙' },
  { kind: 'editArticleText', title: '标题' },
  { kind: 'reimportArticle', title: '标题' },
  { kind: 'deleteArticle', title: '标题' },
  { kind: 'editReference', title: '标题' },
  { kind: 'deleteArticles', count: 3 },
  { kind: 'addCollection', name: '分类' },
  { kind: 'renameCollection', from: '甲', to: '乙' },
  { kind: 'moveCollection', name: '分类' },
  { kind: 'deleteCollection', name: '分类' },
  { kind: 'addToCollection', collection: '分类', count: 2 },
  { kind: 'removeFromCollection', collection: '分类', count: 2 },
  { kind: 'moveToCollection', from: '甲', to: '乙', count: 2 },
  { kind: 'importCollections', collections: 4, articles: 7 },
];

describe('the undo toast says what it undid', () => {
  it('names the article a delete removed', () => {
    expect(historyToast('undo', { kind: 'deleteArticle', title: '机器写作' })).toBe('已撤销：删除文章《机器写作》');
    expect(historyToast('redo', { kind: 'mergeThemes', from: '甲', into: '乙' })).toBe('已重做：把主题“甲”合并到“乙”');
  });

  it('fills every parameter of every kind', () => {
    for (const a of samples) {
      const words = describeAction(a);
      expect(words, a.kind).not.toMatch(/[{}]/);
      for (const [k, v] of Object.entries(a)) if (k !== 'kind') expect(words, a.kind).toContain(String(v));
    }
  });

  it('falls back to a plain "undone" for old entries and kinds it does not know', () => {
    expect(historyToast('undo', { kind: 'other', label: 'add highlight' })).toBe('已撤销');
    expect(historyToast('redo', { kind: 'somethingNew' } as unknown as UndoAction)).toBe('已重做');
    expect(historyToast('undo', undefined)).toBe('已撤销');
  });
});
