// How much room the reader gives the notes panel: beside the text while the text
// keeps a comfortable measure, as an overlay (opened on demand) when it would not.

/** Width of the docked notes panel (21rem). */
export const NOTES_PX = 336;
/** The reading page's own padding (4.5rem + 3rem) and a scroll bar. */
const PAGE_CHROME_PX = 120 + 16;
/** Fewer characters a line than this and reading turns choppy. */
export const MIN_CHARS = 30;

export type NotesMode = 'docked' | 'overlay' | 'hidden';

/** Whether the notes panel fits beside the text at `fontPx` in a reader body `bodyPx` wide. */
export function notesFit(bodyPx: number, fontPx: number): boolean {
  return bodyPx - NOTES_PX >= MIN_CHARS * fontPx + PAGE_CHROME_PX;
}

/**
 * Where the notes panel goes. The docked preference applies only while it fits
 * and focus mode is off; otherwise the panel shows only when opened as an overlay.
 */
export function notesMode(s: { fits: boolean; focus: boolean; docked: boolean; overlay: boolean }): NotesMode {
  if (s.fits && !s.focus) return s.docked ? 'docked' : 'hidden';
  return s.overlay ? 'overlay' : 'hidden';
}

/** The focus-mode key: a bare F, outside anything one types into. */
export function isFocusKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'target'>): boolean {
  if (e.ctrlKey || e.altKey || e.metaKey || e.key.toLowerCase() !== 'f') return false;
  const el = e.target as HTMLElement | null;
  return !(el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)));
}
