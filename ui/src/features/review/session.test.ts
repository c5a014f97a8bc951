import { describe, expect, it } from 'vitest';
import type { ReviewCard } from '../../lib/api';
import { ReviewSession, type GradeName, type ReviewApi } from './session.svelte';

function card(cardId: number): ReviewCard {
  return {
    cardId, highlightId: cardId, articleId: 1, articleTitle: 'A', start: 0, end: 1, kind: 'passage', front: `F${cardId}`, back: `B${cardId}`,
    cloze: [], question: '', passage: 'p', contextBefore: '', contextAfter: '', note: '', themes: [], due: '', isNew: true,
    suspended: false, orphan: false, reps: 0, lapses: 0,
  };
}

/** A fake server: grading removes a card from the due list, undo puts it back. */
function fakeApi(ids: number[]): ReviewApi & { graded: [number, GradeName][] } {
  let due = ids.map(card);
  const graded: [number, GradeName][] = [];
  return {
    graded,
    reviewDue: async () => [...due],
    reviewGrade: async (id, g) => {
      graded.push([id, g]);
      due = due.filter((c) => c.cardId !== id);
      return card(id);
    },
    reviewUndoGrade: async () => {
      const [id] = graded.pop()!;
      due = [card(id), ...due];
      return card(id);
    },
  };
}

describe('ReviewSession', () => {
  it('grades only a revealed card, counts progress and moves on', async () => {
    const api = fakeApi([1, 2]);
    const s = new ReviewSession(api, { theme: null, articleId: null });
    await s.load();
    expect(s.current?.cardId).toBe(1);
    expect(await s.grade('good')).toBe(false);
    s.reveal();
    expect(await s.grade('good')).toBe(true);
    expect(api.graded).toEqual([[1, 'good']]);
    expect(s.current?.cardId).toBe(2);
    expect(s.revealed).toBe(false);
    expect(s.progress).toBe(0.5);
  });

  it('undo brings the last graded card back to the front', async () => {
    const api = fakeApi([1, 2]);
    const s = new ReviewSession(api, { theme: null, articleId: null });
    await s.load();
    s.reveal();
    await s.grade('easy');
    await s.undo();
    expect(s.current?.cardId).toBe(1);
    expect(s.done).toBe(0);
    expect(s.remaining).toBe(2);
  });
});
