import { describe, expect, it } from 'vitest';
import { buildSegments, segmentBackground, translucent, type Mark } from './segments';

const yellow: Mark = { id: 1, start: 2, end: 8, color: '#f5c400' };
const blue: Mark = { id: 2, start: 5, end: 12, color: '#3b82f6' };

function shape(segs: { start: number; end: number; marks: Mark[] }[]) {
  return segs.map((s) => [s.start, s.end, s.marks.map((m) => m.id)]);
}

describe('buildSegments', () => {
  it('leaves an unhighlighted paragraph whole', () => {
    expect(shape(buildSegments([{ start: 0, end: 10 }], [])[0])).toEqual([[0, 10, []]]);
  });

  it('splits overlapping highlights into single, double and single cover', () => {
    const [segs] = buildSegments([{ start: 0, end: 15 }], [yellow, blue]);
    expect(shape(segs)).toEqual([
      [0, 2, []],
      [2, 5, [1]],
      [5, 8, [1, 2]],
      [8, 12, [2]],
      [12, 15, []],
    ]);
  });

  it('covers each paragraph exactly, clipping a highlight that spans two', () => {
    const across: Mark = { id: 3, start: 4, end: 14, color: '#22c55e' };
    const [first, second] = buildSegments([{ start: 0, end: 9 }, { start: 10, end: 20 }], [across]);
    expect(shape(first)).toEqual([[0, 4, []], [4, 9, [3]]]);
    expect(shape(second)).toEqual([[10, 14, [3]], [14, 20, []]]);
  });

  it('nests a highlight inside another', () => {
    const outer: Mark = { id: 4, start: 0, end: 10, color: '#f00' };
    const inner: Mark = { id: 5, start: 3, end: 6, color: '#0f0' };
    const [segs] = buildSegments([{ start: 0, end: 10 }], [inner, outer]);
    expect(shape(segs)).toEqual([[0, 3, [4]], [3, 6, [4, 5]], [6, 10, [4]]]);
  });

  it('ignores empty highlights and those outside every paragraph', () => {
    const empty: Mark = { id: 6, start: 4, end: 4, color: '#000' };
    const beyond: Mark = { id: 7, start: 30, end: 40, color: '#000' };
    expect(shape(buildSegments([{ start: 0, end: 10 }], [empty, beyond])[0])).toEqual([[0, 10, []]]);
  });

  it('handles a thousand highlights quickly', () => {
    const marks: Mark[] = Array.from({ length: 1000 }, (_, i) => ({ id: i, start: i * 7, end: i * 7 + 12, color: '#f5c400' }));
    const paragraphs = Array.from({ length: 200 }, (_, i) => ({ start: i * 40, end: i * 40 + 39 }));
    const t0 = performance.now();
    const all = buildSegments(paragraphs, marks);
    expect(performance.now() - t0).toBeLessThan(50);
    // Every paragraph is covered without gaps.
    all.forEach((segs, i) => {
      expect(segs[0].start).toBe(paragraphs[i].start);
      expect(segs[segs.length - 1].end).toBe(paragraphs[i].end);
      for (let k = 1; k < segs.length; k++) expect(segs[k].start).toBe(segs[k - 1].end);
    });
  });
});

describe('painting', () => {
  it('turns hex colours into translucent rgba', () => {
    expect(translucent('#3b82f6', 0.3)).toBe('rgba(59, 130, 246, 0.3)');
    expect(translucent('#f00', 0.5)).toBe('rgba(255, 0, 0, 0.5)');
    expect(translucent('yellow', 0.3)).toBe('rgba(242, 194, 48, 0.3)');
    // Never an opaque layer, whatever the colour string.
    expect(translucent('hsl(10 50% 50%)', 0.3)).toBe('color-mix(in srgb, hsl(10 50% 50%) 30%, transparent)');
  });

  it('paints the first highlight as a fill and each further one as a band', () => {
    expect(segmentBackground([])).toBe('');
    const one = segmentBackground([yellow]);
    const two = segmentBackground([yellow, blue]);
    expect(one.match(/linear-gradient/g)).toHaveLength(1);
    expect(two.match(/linear-gradient/g)).toHaveLength(2);
    expect(two).toContain('rgba(59, 130, 246, 0.9)');
  });

  it('keeps green over pink distinguishable instead of a muddy blend', () => {
    const pink: Mark = { id: 3, start: 0, end: 9, color: '#ec7fa4' };
    const green: Mark = { id: 4, start: 3, end: 12, color: '#5bb974' };
    const seen = shownColours(segmentBackground([pink, green]));
    const pinkAlone = shownColours(segmentBackground([pink])).body;
    const greenAlone = shownColours(segmentBackground([green])).body;
    // The overlap's body still reads as the pink highlight, its band as green.
    expect(distance(seen.body, pinkAlone)).toBeLessThan(1);
    expect(distance(seen.band, [0x5b, 0xb9, 0x74])).toBeLessThan(30);
    // The band stands well apart from the body, and is not the pale green of a lone highlight.
    expect(distance(seen.band, seen.body)).toBeGreaterThan(100);
    expect(distance(seen.band, greenAlone)).toBeGreaterThan(60);
  });
});

type Rgb = [number, number, number];
const distance = (a: Rgb, b: Rgb) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/**
 * What a segment's background looks like over white paper, as the browser
 * composites it: in the body of the line (above any band) and at its very foot.
 */
function shownColours(background: string): { body: Rgb; band: Rgb } {
  const layers = background.split(/,\s*(?=linear-gradient)/).reverse(); // bottom layer first
  const paint = (atFoot: boolean): Rgb => {
    let out: Rgb = [255, 255, 255];
    for (const layer of layers) {
      const colours = [...layer.matchAll(/rgba\((\d+), (\d+), (\d+), ([\d.]+)\)/g)].map((m) => m.slice(1).map(Number));
      const band = layer.includes('to top');
      // A band covers only the foot of the line (the lowest one starts at 0em).
      if (band && !(atFoot && / 0em,/.test(layer))) continue;
      const [r, g, b, a] = colours[0];
      out = [out[0] * (1 - a) + r * a, out[1] * (1 - a) + g * a, out[2] * (1 - a) + b * a];
    }
    return out;
  };
  return { body: paint(false), band: paint(true) };
}
