// The name an export is offered under: what it covers and the day, as the core
// names it (pizhu-export's export_file_name): 批注导出-版权伦理-2026-12-02.md.
// The desktop's save dialog needs it before the core has written anything.

const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f]+/g;
const MAX_SCOPE_CHARS = 30;

/** The local calendar date of `at`: 2026-12-02. */
export function localDate(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** `scope` is the article's title, the theme's name or 书库 (the whole library). */
export function exportFileName(scope: string, ext: string, at: Date = new Date()): string {
  const part = [...scope.trim()].slice(0, MAX_SCOPE_CHARS).join('').replace(FORBIDDEN, '_').trim();
  return `${['批注导出', part, localDate(at)].filter(Boolean).join('-')}.${ext}`;
}
