// Test-only oracle: render a bibliography with citeproc-js (the engine Zotero uses).
// Usage: node render.cjs STYLE.csl LOCALES_DIR ITEMS.json  → JSON {ids: [...], entries: {id: text}}
'use strict';
const fs = require('fs');
const path = require('path');
const CSL = require('citeproc');

const [stylePath, localesDir, itemsPath] = process.argv.slice(2);
const style = fs.readFileSync(stylePath, 'utf8');
const items = JSON.parse(fs.readFileSync(itemsPath, 'utf8'));
const byId = new Map(items.map((i) => [String(i.id), i]));
const sys = {
  retrieveLocale: (lang) => {
    const file = path.join(localesDir, `locales-${lang}.xml`);
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : false;
  },
  retrieveItem: (id) => byId.get(String(id)),
};
const engine = new CSL.Engine(sys, style);
engine.setOutputFormat('text');
engine.updateItems(items.map((i) => String(i.id)));
const [params, entries] = engine.makeBibliography();
const out = {};
params.entry_ids.forEach((ids, n) => { out[String(ids[0])] = entries[n]; });
process.stdout.write(JSON.stringify({ ids: params.entry_ids.map((ids) => String(ids[0])), entries: out }));
