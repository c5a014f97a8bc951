import { describe, expect, it } from 'vitest';
import { formatDateTime, formatSize } from './format';

describe('dates and sizes in the interface language', () => {
  it('shows a UTC time in the local time zone, in each language', () => {
    const iso = '2026-12-01T21:14:00Z';
    const local = new Date(iso);
    const zh = formatDateTime(iso, 'zh-CN');
    const en = formatDateTime(iso, 'en');
    expect(zh).toContain(`${local.getFullYear()}年${local.getMonth() + 1}月${local.getDate()}日`);
    expect(en).toContain(String(local.getFullYear()));
    expect(en).toMatch(/Dec/);
    expect(zh).not.toContain('T21');
  });

  it('keeps text it cannot read as it is', () => {
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
  });

  it('writes sizes in KB below a megabyte and MB above', () => {
    expect(formatSize(300, 'en')).toBe('1 KB');
    expect(formatSize(2048, 'en')).toBe('2 KB');
    expect(formatSize(1536 * 1024, 'en')).toBe('1.5 MB');
    expect(formatSize(1000 * 1024, 'en')).toBe('1,000 KB');
  });
});
