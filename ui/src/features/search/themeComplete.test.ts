import { describe, expect, it } from 'vitest';
import { applyThemeCompletion, themeCompletion } from './themeComplete';

const NAMES = ['版权伦理', '人机共生', '人机协作', '数字版权', 'Human machine'];

describe('themeCompletion', () => {
  it('offers names containing what is typed after theme:, starting ones first', () => {
    const q = '影视 theme:版';
    expect(themeCompletion(q, q.length, NAMES)).toEqual({ from: 9, to: q.length, names: ['版权伦理', '数字版权'] });
  });

  it('understands the Chinese prefix, a full-width colon and an empty name', () => {
    expect(themeCompletion('主题：人机', 5, NAMES)?.names).toEqual(['人机共生', '人机协作']);
    expect(themeCompletion('主題:', 3, NAMES)?.names).toHaveLength(5);
    expect(themeCompletion('Theme:hum', 9, NAMES)?.names).toEqual(['Human machine']);
  });

  it('stays quiet elsewhere, for unknown names and for a name typed in full', () => {
    expect(themeCompletion('版权', 2, NAMES)).toBeNull();
    expect(themeCompletion('theme:版权 影视', 13, NAMES)).toBeNull();
    expect(themeCompletion('atheme:版', 8, NAMES)).toBeNull();
    expect(themeCompletion('theme:不存在', 9, NAMES)).toBeNull();
    expect(themeCompletion('theme:人机共生', 10, NAMES)).toBeNull();
  });

  it('puts the chosen name in place of the typed word and quotes a name with a space', () => {
    const q = 'theme:版 影视';
    const c = themeCompletion(q, 7, NAMES)!;
    expect(applyThemeCompletion(q, c, '版权伦理')).toEqual({ query: 'theme:版权伦理 影视', caret: 11 });
    const h = themeCompletion('theme:"hu', 9, NAMES)!;
    expect(applyThemeCompletion('theme:"hu', h, 'Human machine')).toEqual({ query: 'theme:"Human machine" ', caret: 22 });
  });
});
