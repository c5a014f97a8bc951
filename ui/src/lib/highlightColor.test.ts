import { describe, expect, it } from 'vitest';
import { highlightColor } from './highlightColor';
import { DEFAULT_COLOR } from '../features/reader/palette';

describe('highlightColor', () => {
  it('keeps a colour the reader picked, even on a coded highlight', () => {
    expect(highlightColor('#5a9bef', '#e8a33d')).toBe('#5a9bef');
    // The yellow swatch is a pick too: only the core's default name defers to the theme.
    expect(highlightColor('#f2c230', '#e8a33d')).toBe('#f2c230');
  });

  it("draws a highlight left at the core's default in its theme's colour", () => {
    expect(highlightColor('yellow', '#e8a33d')).toBe('#e8a33d');
    expect(highlightColor('', '#e8a33d')).toBe('#e8a33d');
  });

  it("draws an uncoded default highlight in the UI's default, not the literal name", () => {
    expect(highlightColor('yellow')).toBe(DEFAULT_COLOR);
    expect(highlightColor('yellow', null)).toBe(DEFAULT_COLOR);
    expect(DEFAULT_COLOR).toBe('#f2c230');
  });

  it('maps the named colours the core accepts to the palette', () => {
    expect(highlightColor('green')).toBe('#5bb974');
    expect(highlightColor('yellow', 'blue')).toBe('#5a9bef');
  });
});
