import { describe, expect, it } from 'vitest';
import { exportFileName, localDate } from './fileName';

describe('export file names', () => {
  const at = new Date(2026, 11, 2, 0, 30); // local midnight-and-a-half: still 12-02 here
  it('name the scope and the local date', () => {
    expect(exportFileName('版权伦理', 'md', at)).toBe('批注导出-版权伦理-2026-12-02.md');
    expect(exportFileName('书库', 'docx', at)).toBe('批注导出-书库-2026-12-02.docx');
    expect(exportFileName('一篇文章：AI/版权?', 'html', at)).toBe('批注导出-一篇文章：AI_版权_-2026-12-02.html');
  });
  it('keep the date when the title is long', () => {
    expect(exportFileName('很长的标题'.repeat(20), 'csv', at)).toMatch(/^批注导出-很长的标题.{25}-2026-12-02\.csv$/);
  });
  it('use the local calendar day', () => {
    expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
