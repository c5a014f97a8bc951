import { describe, expect, it } from 'vitest';
import { isFocusKey, notesFit, notesMode } from './layout';

describe('notes panel room', () => {
  it('docks beside the text at 1400 px and not at 1024 px (default 19 px type)', () => {
    // Reader body = window − sidebar (13rem wide, 4rem collapsed below 1200 px).
    expect(notesFit(1400 - 208, 19)).toBe(true);
    expect(notesFit(1024 - 64, 19)).toBe(false);
  });

  it('stops docking when larger type would crowd the text', () => {
    expect(notesFit(1400 - 208, 30)).toBe(false);
  });

  it('follows the docked preference only while it fits and focus mode is off', () => {
    expect(notesMode({ fits: true, focus: false, docked: true, overlay: false })).toBe('docked');
    expect(notesMode({ fits: true, focus: false, docked: false, overlay: true })).toBe('hidden');
    expect(notesMode({ fits: false, focus: false, docked: true, overlay: false })).toBe('hidden');
    expect(notesMode({ fits: false, focus: false, docked: true, overlay: true })).toBe('overlay');
    expect(notesMode({ fits: true, focus: true, docked: true, overlay: false })).toBe('hidden');
  });

  it('takes a bare F as the focus key, never while typing', () => {
    const div = { tagName: 'DIV', isContentEditable: false } as unknown as EventTarget;
    const input = { tagName: 'INPUT', isContentEditable: false } as unknown as EventTarget;
    const k = (key: string, target: EventTarget, ctrlKey = false) => ({ key, ctrlKey, altKey: false, metaKey: false, target });
    expect(isFocusKey(k('f', div))).toBe(true);
    expect(isFocusKey(k('F', div))).toBe(true);
    expect(isFocusKey(k('f', div, true))).toBe(false);
    expect(isFocusKey(k('f', input))).toBe(false);
  });
});
