// Export results become a download in the browser (and in the webview).
// The formats (names, extensions, MIME types) come from Rust: formats.generated.ts.

import { EXPORT_FORMATS, type ExportFormatName } from './formats.generated';

export { EXPORT_FORMATS, type ExportFormatName };

/** The file extension of each format (W3C annotations are `.jsonld`). */
export const EXTENSIONS = Object.fromEntries(EXPORT_FORMATS.map((f) => [f.name, f.extension])) as Record<ExportFormatName, string>;

/** `exportNotes` without a path (the file as base64), or a file the UI made itself (text). */
export type DownloadFile = { fileName: string; mimeType: string } & ({ dataBase64: string } | { content: string });

/** Offer the file as a download; returns its name. */
export function saveExport(file: DownloadFile): string {
  const body = 'dataBase64' in file ? Uint8Array.from(atob(file.dataBase64), (c) => c.charCodeAt(0)) : file.content;
  return download(new Blob([body], { type: file.mimeType }), file.fileName);
}

function download(blob: Blob, name: string): string {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
