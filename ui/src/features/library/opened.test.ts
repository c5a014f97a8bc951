import { describe, expect, it } from 'vitest';
import { planOpened } from './opened';
import type { ImportReport } from '../../lib/api';

const report = (r: Partial<ImportReport>): ImportReport => ({ imported: [], duplicates: [], failed: [], ...r });

describe('planOpened', () => {
  it('opens the article a file became, or the one it duplicates', () => {
    const imported = planOpened([{ kind: 'import', report: report({ imported: [{ id: 9, title: 't', file: '/a.txt', encoding: 'utf-8', warnings: [] }] }) }]);
    expect(imported).toEqual({ route: '#/article/9', failed: [], dataChanged: true });
    const duplicate = planOpened([{ kind: 'import', report: report({ duplicates: [{ id: 3, title: 't', file: '/a.txt' }] }) }]);
    expect(duplicate.route).toBe('#/article/3');
  });

  it('keeps the failures to tell, and stays where it is when nothing opened', () => {
    const failed = { file: '/x.png', error: 'unsupported', kind: 'unsupported_type', params: { ext: '.png' } };
    const plan = planOpened([{ kind: 'import', report: report({ failed: [failed] }) }]);
    expect(plan).toEqual({ route: null, failed: [failed], dataChanged: true });
  });

  it('goes where the last item asks; a link alone changes no data', () => {
    expect(planOpened([{ kind: 'route', route: '#/article/1?start=2&end=5' }])).toEqual({
      route: '#/article/1?start=2&end=5',
      failed: [],
      dataChanged: false,
    });
    const both = planOpened([
      { kind: 'import', report: report({ imported: [{ id: 4, title: 't', file: '/b.md', encoding: 'utf-8', warnings: [] }] }) },
      { kind: 'route', route: '#/article/2' },
    ]);
    expect(both.route).toBe('#/article/2');
    expect(planOpened([]).route).toBeNull();
  });
});
