import { describe, expect, it } from 'vitest';
import { cleanText, fieldsFor, formatDate, parseDate } from './referenceForm';

describe('the metadata editor model', () => {
  it('shows the fields a type needs', () => {
    expect(fieldsFor('journalArticle')).toEqual(expect.arrayContaining(['containerTitle', 'volume', 'issue', 'pages']));
    expect(fieldsFor('webpage')).toEqual(expect.arrayContaining(['url', 'accessed']));
    expect(fieldsFor('book')).not.toContain('issue');
  });

  it('reads and writes partial dates and refuses what is not one', () => {
    expect(parseDate('2024')).toEqual({ year: 2024 });
    expect(parseDate('2024-5-01')).toEqual({ year: 2024, month: 5, day: 1 });
    expect(parseDate('  ')).toBeNull();
    expect(parseDate('2024-13')).toBeUndefined();
    expect(parseDate('spring')).toBeUndefined();
    expect(formatDate({ year: 2024, month: 3 })).toBe('2024-03');
    expect(formatDate(null)).toBe('');
  });

  it('turns blank text into no value', () => {
    const r = cleanText({ itemType: 'book', creators: [], containerTitle: ' ', volume: '2' } as never);
    expect(r.containerTitle).toBeNull();
    expect(r.volume).toBe('2');
  });
});
