import { marked } from 'marked';
import DOMPurify from 'dompurify';

// Links in notes open outside the app (a click must never navigate the reader away).
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

// A note that draws a form could pass for the app asking for a password.
// Markdown task lists (`- [ ]`) are the one input a note needs: a disabled tick box.
const FORM_TAGS = ['form', 'button', 'textarea', 'select', 'option', 'optgroup', 'datalist', 'fieldset', 'legend', 'output', 'label'];
DOMPurify.addHook('uponSanitizeElement', (node, data) => {
  if (data.tagName !== 'input' || !(node instanceof Element)) return;
  const taskBox = node.getAttribute('type') === 'checkbox' && node.hasAttribute('disabled');
  if (!taskBox) node.parentNode?.removeChild(node);
});

/** A note's Markdown as sanitised HTML: no scripts, no event handlers, no styles, no forms. */
export function renderMarkdown(source: string | null | undefined): string {
  if (!source) return '';
  const html = marked.parse(source, { async: false, gfm: true, breaks: true }) as string;
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'img', ...FORM_TAGS],
    FORBID_ATTR: ['style', 'form', 'formaction', 'action'],
  });
}
