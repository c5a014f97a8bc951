import { describe, expect, it } from 'vitest';
import { placeToasts, TOAST_BOTTOM, type Box } from './toastPlacement';

const within = (w: number, h: number, at: { left: number; top: number }): Box => ({ left: at.left, top: at.top, right: at.left + w, bottom: at.top + h });
const clear = (a: Box, b: Box) => a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;

describe('placeToasts', () => {
  it('sits at the bottom centre when nothing is there', () => {
    expect(placeToasts(1024, 700, 300, 50, [])).toEqual({ left: 362, top: 700 - TOAST_BOTTOM - 50 });
    const far: Box = { left: 100, top: 100, right: 400, bottom: 300 };
    expect(placeToasts(1024, 700, 300, 50, [far]).left).toBe(362);
  });

  it('moves beside a highlight editor that reaches the bottom', () => {
    const editor: Box = { left: 300, top: 380, right: 684, bottom: 690 };
    const at = placeToasts(1024, 700, 300, 100, [editor]);
    expect(clear(within(300, 100, at), editor)).toBe(true);
    expect(at.left).toBeGreaterThanOrEqual(684);
    expect(at.left + 300).toBeLessThanOrEqual(1024);
  });

  it('goes above the editor when no side has room', () => {
    const editor: Box = { left: 150, top: 380, right: 850, bottom: 690 };
    const at = placeToasts(1024, 700, 300, 100, [editor]);
    expect(clear(within(300, 100, at), editor)).toBe(true);
    expect(at.top + 100).toBeLessThanOrEqual(380);
  });
});
