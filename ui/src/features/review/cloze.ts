import type { SegmentToken } from '../../lib/api';

/** The picked words (indices into `words`) as cloze spans: code-point ranges
 *  within the passage, neighbouring picked words joined into one blank. */
export function spansOf(words: SegmentToken[], picked: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const i of [...picked].sort((a, b) => a - b)) {
    const w = words[i];
    if (!w) continue;
    const last = out[out.length - 1];
    if (last && picked.includes(i - 1) && last[1] === w.start) last[1] = w.end;
    else out.push([w.start, w.end]);
  }
  return out;
}
