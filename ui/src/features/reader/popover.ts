/** Where to put a floating panel of `width`×`height` next to `rect`, inside the window. */
export function placeNear(rect: DOMRect, width: number, height: number): { top: number; left: number } {
  const margin = 8;
  const below = rect.bottom + margin;
  const top = below + height < window.innerHeight ? below : Math.max(margin, rect.top - height - margin);
  const left = Math.min(Math.max(margin, rect.left), window.innerWidth - width - margin);
  return { top, left };
}
