import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import license from 'rollup-plugin-license';

// The npm packages whose code ends up in the bundle (svelte's runtime among them, though it is a
// devDependency) must be under a permissive licence: any other fails the build. With
// PIZHU_NPM_LICENCES set (scripts/package.sh), their licence texts are written there for the
// packages' THIRD-PARTY-LICENSES.txt.
const PERMISSIVE = '(MIT OR Apache-2.0 OR BSD-2-Clause OR BSD-3-Clause OR ISC OR 0BSD)';
// (Node's `process`, declared here: the UI's type checking has no Node types.)
declare const process: { env: Record<string, string | undefined> };
const npmLicences = process.env.PIZHU_NPM_LICENCES;

type Dependency = { name: string | null; version: string | null; license: string | null; repository: { url: string } | string | null; licenseText: string | null; noticeText: string | null };

function licencesText(deps: Dependency[]): string {
  return [...deps]
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''))
    .map((d) => {
      const repo = typeof d.repository === 'string' ? d.repository : d.repository?.url;
      const head = `${d.name} ${d.version} (${d.license})${repo ? `  <${repo}>` : ''}`;
      const body = [d.licenseText ?? `(no licence file in the package; its package.json says ${d.license})`, d.noticeText].filter(Boolean).join('\n\n');
      return `${'-'.repeat(80)}\n${head}\n\n${body.trim()}\n`;
    })
    .join('\n');
}

export default defineConfig({
  plugins: [
    svelte(),
    license({
      thirdParty: {
        allow: { test: PERMISSIVE, failOnUnlicensed: true, failOnViolation: true },
        output: npmLicences ? { file: npmLicences, template: licencesText } : [],
      },
    }),
  ],
  // Relative asset URLs work both under `pizhu serve` and in the Tauri webview.
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The CSP forbids inline scripts; keep Vite's module preload polyfill out of index.html.
    modulePreload: { polyfill: false },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
