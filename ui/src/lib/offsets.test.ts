import { describe, expect, it } from 'vitest';
import { OffsetMap, codePointLength, codePointToUtf16, utf16ToCodePoint } from './offsets';

// 𠮷 (U+20BB7) and 😀 are outside the BMP: one code point, two UTF-16 units.
const mixed = '吉𠮷野家😀e\u0301!';

describe('code points ↔ UTF-16', () => {
  it('counts astral characters as one code point', () => {
    expect(mixed.length).toBe(10);
    expect(codePointLength(mixed)).toBe(8);
  });

  it('maps UTF-16 offsets to code points around surrogate pairs', () => {
    expect(utf16ToCodePoint(mixed, 0)).toBe(0);
    expect(utf16ToCodePoint(mixed, 1)).toBe(1); // before 𠮷
    expect(utf16ToCodePoint(mixed, 3)).toBe(2); // after 𠮷
    expect(utf16ToCodePoint(mixed, 5)).toBe(4); // after 家
    expect(utf16ToCodePoint(mixed, 7)).toBe(5); // after 😀
    expect(utf16ToCodePoint(mixed, 10)).toBe(8);
  });

  it('rounds a position inside a surrogate pair down to the pair start', () => {
    expect(utf16ToCodePoint(mixed, 2)).toBe(1);
    expect(new OffsetMap(mixed).toCodePoint(2)).toBe(1);
  });

  it('keeps combining marks as their own code points', () => {
    // e + U+0301 are two code points and two UTF-16 units.
    expect(utf16ToCodePoint('e\u0301x', 2)).toBe(2);
    expect(codePointToUtf16('e\u0301x', 2)).toBe(2);
  });

  it('maps code points back to UTF-16', () => {
    expect(codePointToUtf16(mixed, 2)).toBe(3);
    expect(codePointToUtf16(mixed, 5)).toBe(7);
    expect(codePointToUtf16(mixed, 99)).toBe(10);
  });

  it('round-trips every boundary through OffsetMap', () => {
    const map = new OffsetMap(mixed);
    expect(map.length).toBe(8);
    for (let cp = 0; cp <= map.length; cp++) {
      expect(map.toCodePoint(map.toUtf16(cp))).toBe(cp);
      expect(map.toUtf16(cp)).toBe(codePointToUtf16(mixed, cp));
    }
    expect(map.slice(1, 2)).toBe('𠮷');
    expect(map.slice(4, 5)).toBe('😀');
  });

  it('handles a lone surrogate as one code point', () => {
    const broken = 'a\ud842b';
    expect(codePointLength(broken)).toBe(3);
    expect(new OffsetMap(broken).toUtf16(2)).toBe(2);
  });
});
