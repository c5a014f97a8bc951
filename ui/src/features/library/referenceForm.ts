// The metadata editor's model: which fields each item type shows, and dates
// between the form's text and the API's partial dates.
import type { ItemType, PartialDate, Reference } from '../../lib/api';

export const ITEM_TYPES: ItemType[] = [
  'journalArticle', 'newspaperArticle', 'webpage', 'book', 'bookSection',
  'thesis', 'report', 'conferencePaper', 'standard', 'other',
];

/** The text fields of a reference the form edits (dates handled apart). */
export type TextField =
  | 'containerTitle' | 'volume' | 'issue' | 'pages' | 'url' | 'doi' | 'isbn' | 'issn'
  | 'publisher' | 'publisherPlace' | 'edition' | 'number' | 'genre' | 'language';
export type Field = TextField | 'issued' | 'accessed';

// What GB/T 7714 and APA print for each type; the rest stay hidden (but kept).
const FIELDS: Record<ItemType, Field[]> = {
  journalArticle: ['containerTitle', 'volume', 'issue', 'pages', 'issued', 'doi', 'issn', 'url', 'language'],
  newspaperArticle: ['containerTitle', 'pages', 'issued', 'url', 'accessed', 'language'],
  webpage: ['containerTitle', 'issued', 'url', 'accessed', 'language'],
  book: ['publisher', 'publisherPlace', 'edition', 'volume', 'issued', 'isbn', 'language'],
  bookSection: ['containerTitle', 'publisher', 'publisherPlace', 'pages', 'issued', 'isbn', 'language'],
  thesis: ['publisher', 'publisherPlace', 'genre', 'issued', 'url', 'language'],
  report: ['publisher', 'publisherPlace', 'number', 'issued', 'url', 'language'],
  conferencePaper: ['containerTitle', 'publisher', 'publisherPlace', 'pages', 'issued', 'doi', 'language'],
  standard: ['number', 'publisher', 'publisherPlace', 'issued', 'language'],
  other: ['containerTitle', 'publisher', 'issued', 'url', 'language'],
};

export function fieldsFor(type: ItemType): Field[] {
  return FIELDS[type] ?? FIELDS.other;
}

/** `2024`, `2024-05`, `2024-05-01` as written; empty for none. */
export function formatDate(d: PartialDate | null | undefined): string {
  if (!d) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  let out = String(d.year).padStart(4, '0');
  if (d.month != null) out += `-${pad(d.month)}`;
  if (d.month != null && d.day != null) out += `-${pad(d.day)}`;
  return out;
}

/** The date a field's text means: `null` for empty, `undefined` when it is not a date. */
export function parseDate(text: string): PartialDate | null | undefined {
  const s = text.trim();
  if (!s) return null;
  const m = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(s);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : undefined;
  const day = m[3] ? Number(m[3]) : undefined;
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (day !== undefined && (day < 1 || day > 31)) return undefined;
  const d: PartialDate = { year };
  if (month !== undefined) d.month = month;
  if (day !== undefined) d.day = day;
  return d;
}

/** A blank text field is no value. */
export function cleanText(r: Reference): Reference {
  const out = { ...r } as Record<string, unknown>;
  for (const [k, v] of Object.entries(out)) {
    if (typeof v === 'string' && !v.trim()) out[k] = null;
  }
  return out as unknown as Reference;
}
