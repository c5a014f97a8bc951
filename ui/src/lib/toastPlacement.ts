// Where the toasts go: bottom centre, unless a popover (the highlight editor,
// the selection toolbar) is there — then beside it, or above it, so a toast
// never covers the buttons someone is about to press.

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const MARGIN = 16;
/** Distance of the toasts from the bottom of the window when nothing is in the way (1.2rem). */
export const TOAST_BOTTOM = 19;

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Top-left corner for a stack of toasts `w`×`h` in a `vw`×`vh` window clear of `popovers`. */
export function placeToasts(vw: number, vh: number, w: number, h: number, popovers: Box[]): { left: number; top: number } {
  const top = vh - TOAST_BOTTOM - h;
  const centred = { left: (vw - w) / 2, top };
  const box = (left: number, t: number): Box => ({ left, top: t, right: left + w, bottom: t + h });
  const hit = popovers.filter((p) => overlaps(box(centred.left, top), p));
  if (hit.length === 0) return centred;
  const left = Math.min(...popovers.map((p) => p.left));
  const right = Math.max(...popovers.map((p) => p.right));
  // Beside the popovers, on the side with more room, when the stack fits there.
  const roomRight = vw - right - 2 * MARGIN;
  const roomLeft = left - 2 * MARGIN;
  if (Math.max(roomLeft, roomRight) >= w) {
    const x = roomRight >= roomLeft ? right + MARGIN + (roomRight - w) / 2 : MARGIN + (roomLeft - w) / 2;
    if (!popovers.some((p) => overlaps(box(x, top), p))) return { left: x, top };
  }
  // Otherwise above the popover that was in the way, or at the top of the window.
  const above = Math.min(...hit.map((p) => p.top)) - MARGIN - h;
  return { left: centred.left, top: above >= MARGIN ? above : MARGIN };
}
