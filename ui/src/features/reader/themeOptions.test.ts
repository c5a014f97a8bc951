import { describe, expect, it } from 'vitest';
import type { Theme } from '../../lib/api';
import { fold, pickerOptions } from './themeOptions';

const th = (id: number, name: string, parentId: number | null = null, keywords: string[] = []): Theme => ({
  id, name, parentId, position: id, highlightCount: 0, branchCount: 0, color: '#999999', memo: '', description: '', keywords, createdAt: '', modifiedAt: '',
});
// Fourteen themes, two of them nested: the picker must list them all.
const themes = [
  th(1, '人机共生'), th(2, '人机协作', 1), th(3, '版权伦理', null, ['著作权']), th(4, '技术焦虑'), th(5, '产业变革'),
  th(6, '创作主体'), th(7, '平台责任'), th(8, '算法治理'), th(9, '影视工业'), th(10, '教育应用'),
  th(11, '数据隐私'), th(12, '就业冲击'), th(13, '艺术本质'), th(14, 'AI 监管', 8),
];
const names = (opts: ReturnType<typeof pickerOptions>) => opts.map((o) => (o.kind === 'theme' ? o.theme.name : `+${o.name}`));

describe('theme picker options', () => {
  it('lists the whole tree, sub-themes under their parents, recent ones first', () => {
    const opts = pickerOptions(themes, [], '', ['算法治理', '不存在']);
    expect(opts.filter((o) => o.kind === 'theme' && o.section === 'tree')).toHaveLength(14);
    expect(names(opts)[0]).toBe('算法治理');
    const tree = names(opts.filter((o) => o.kind === 'theme' && o.section === 'tree'));
    expect(tree.indexOf('人机协作')).toBe(tree.indexOf('人机共生') + 1);
    const child = opts.find((o) => o.kind === 'theme' && o.theme.name === '人机协作');
    expect(child?.kind === 'theme' && child.depth).toBe(1);
  });

  it('filters by name or keyword as one types, and offers a new theme', () => {
    expect(names(pickerOptions(themes, [], '人机', []))).toEqual(['人机共生', '人机协作', '+人机']);
    expect(names(pickerOptions(themes, [], '著作', []))).toEqual(['版权伦理', '+著作']);
    // Full-width Latin folds to half-width; an exact name offers no "new".
    expect(names(pickerOptions(themes, [], 'ａｉ 监管', []))).toEqual(['AI 监管']);
    const sub = pickerOptions(themes, [], '监管', []).find((o) => o.kind === 'theme');
    expect(sub?.kind === 'theme' && sub.path).toBe('算法治理 › AI 监管');
  });

  it('puts recently used matches first and leaves chosen ones out of "recent"', () => {
    expect(names(pickerOptions(themes, [], '人机', ['人机协作']))[0]).toBe('人机协作');
    expect(names(pickerOptions(themes, ['算法治理'], '', ['算法治理']))[0]).toBe('人机共生');
  });

  it('uses the fold it is given (the core’s, which maps traditional to simplified)', () => {
    const core: Record<string, string> = { 版權: '版权' };
    const folded = (s: string) => fold(core[s] ?? s);
    expect(names(pickerOptions(themes, [], '版權', [], folded))[0]).toBe('版权伦理');
    expect(names(pickerOptions(themes, [], '版權', [])).some((n) => n === '版权伦理')).toBe(false);
  });
});
