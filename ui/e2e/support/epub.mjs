// An EPUB 3 built in the test from one of the seed texts: two chapters and a
// page list with printed page labels, one page beginning mid-paragraph.
// Zipped here (stored entries) so no generated file is committed.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const SEED = resolve(import.meta.dirname, '..', '..', '..', 'crates', 'pizhu-import', 'tests', 'fixtures', 'seeds', '002_dd3fdb8d90d2e9cb.txt');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip of stored (uncompressed) entries: [name, string] pairs. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The book and what the test checks: its paragraphs (chapter titles
 * included, in order) and its pages (label, the paragraph it begins in, how
 * many characters into it).
 */
export function seedBook() {
  const lines = readFileSync(SEED, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 20);
  const half = Math.ceil(lines.length / 2);
  const chapters = [
    { title: '第一章 剧本研讨', paras: lines.slice(0, half) },
    { title: '第二章 创作与讨论', paras: lines.slice(half) },
  ];
  const pages = [];
  const paragraphs = [];
  let label = 101;
  const xhtml = chapters.map((ch, c) => {
    const body = [];
    const mark = (mid) => {
      const l = String(label++);
      pages.push({ label: l, paragraph: paragraphs.length - 1, mid, chapter: c });
      return `<span epub:type="pagebreak" role="doc-pagebreak" id="pg${l}" title="${l}"/>`;
    };
    paragraphs.push(ch.title);
    body.push(`<section epub:type="chapter"><h1>${mark(0)}${esc(ch.title)}</h1>`);
    ch.paras.forEach((p, i) => {
      paragraphs.push(p);
      if (i === 2) {
        // A page that begins in the middle of a paragraph.
        const cut = Math.floor([...p].length / 2);
        const chars = [...p];
        body.push(`<p>${esc(chars.slice(0, cut).join(''))}${mark(cut)}${esc(chars.slice(cut).join(''))}</p>`);
      } else if (i > 0 && i % 4 === 0) {
        body.push(`<p>${mark(0)}${esc(p)}</p>`);
      } else body.push(`<p>${esc(p)}</p>`);
    });
    body.push('</section>');
    return `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title/></head><body>${body.join('\n')}</body></html>`;
  });
  const pageList = pages.map((p) => `<li><a href="ch${p.chapter}.xhtml#pg${p.label}">${p.label}</a></li>`).join('');
  const nav = `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>目录</title></head><body>
<nav epub:type="toc"><ol>${chapters.map((ch, c) => `<li><a href="ch${c}.xhtml">${esc(ch.title)}</a></li>`).join('')}</ol></nav>
<nav epub:type="page-list" hidden=""><ol>${pageList}</ol></nav></body></html>`;
  const opf = `<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:isbn:9787040123456</dc:identifier>
<dc:title>剧本研讨读本</dc:title><dc:creator>编者甲</dc:creator><dc:publisher>影视出版社</dc:publisher><dc:date>2024</dc:date><dc:language>zh-CN</dc:language></metadata>
<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
${chapters.map((_, c) => `<item id="ch${c}" href="ch${c}.xhtml" media-type="application/xhtml+xml"/>`).join('')}</manifest>
<spine>${chapters.map((_, c) => `<itemref idref="ch${c}"/>`).join('')}</spine></package>`;
  const bytes = zip([
    ['mimetype', 'application/epub+zip'],
    ['META-INF/container.xml', '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>'],
    ['OEBPS/content.opf', opf],
    ['OEBPS/nav.xhtml', nav],
    ...xhtml.map((x, c) => [`OEBPS/ch${c}.xhtml`, x]),
  ]);
  return { bytes, title: '剧本研讨读本', paragraphs, pages };
}
