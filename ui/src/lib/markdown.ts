import { marked } from 'marked';
import DOMPurify from 'dompurify';

// Links in notes open outside the app (a click must never navigate the reader away).
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

/** A note's Markdown as sanitised HTML: no scripts, no event handlers, no styles. */
export function renderMarkdown(source: string | null | undefined): string {
  if (!source) return '';
  const html = marked.parse(source, { async: false, gfm: true, breaks: true }) as string;
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'img'], FORBID_ATTR: ['style'] });
}
