// Words for what an undo or redo did: the API sends a kind code with parameters,
// the message files hold the sentence for each kind.
import type { UndoAction } from '../api/types';
import { t, type MessageKey } from './index.svelte';

const keys: Record<UndoAction['kind'], MessageKey> = {
  addHighlight: 'action.addHighlight',
  editHighlight: 'action.editHighlight',
  deleteHighlight: 'action.deleteHighlight',
  placeHighlight: 'action.placeHighlight',
  tagHighlight: 'action.tagHighlight',
  untagHighlight: 'action.untagHighlight',
  addTheme: 'action.addTheme',
  editTheme: 'action.editTheme',
  moveTheme: 'action.moveTheme',
  deleteTheme: 'action.deleteTheme',
  renameTheme: 'action.renameTheme',
  mergeThemes: 'action.mergeThemes',
  editArticleText: 'action.editArticleText',
  reimportArticle: 'action.reimportArticle',
  deleteArticle: 'action.deleteArticle',
  deleteArticles: 'action.deleteArticles',
  addCollection: 'action.addCollection',
  renameCollection: 'action.renameCollection',
  moveCollection: 'action.moveCollection',
  deleteCollection: 'action.deleteCollection',
  addToCollection: 'action.addToCollection',
  removeFromCollection: 'action.removeFromCollection',
  moveToCollection: 'action.moveToCollection',
  importCollections: 'action.importCollections',
  editReference: 'action.editReference',
  importCodebook: 'action.importCodebook',
  importReferences: 'action.importReferences',
  addReviewCards: 'action.addReviewCards',
  removeReviewCard: 'action.removeReviewCard',
  gradeReviewCard: 'action.gradeReviewCard',
  other: 'action.other',
};

/** "删除文章《…》" for `{kind: 'deleteArticle', title: '…'}`; a kind this UI does not know reads as a generic change. */
export function describeAction(action: UndoAction): string {
  const key = keys[action.kind] ?? 'action.other';
  const { kind: _kind, ...params } = action as { kind: string } & Record<string, string>;
  return t(key, params);
}

/** The toast after an undo or redo: "已撤销：删除文章《…》". */
export function historyToast(direction: 'undo' | 'redo', action: UndoAction | undefined): string {
  if (!action || action.kind === 'other' || !(action.kind in keys)) {
    return t(direction === 'undo' ? 'history.undone' : 'history.redone');
  }
  return t(direction === 'undo' ? 'history.undoneWhat' : 'history.redoneWhat', { what: describeAction(action) });
}
