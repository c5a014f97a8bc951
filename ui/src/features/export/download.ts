// Export results become a download in the browser (and in the webview).

export const EXTENSIONS: Record<string, string> = {
  md: 'md', html: 'html', docx: 'docx', csv: 'csv', w3c: 'jsonld', qdpx: 'qdpx',
};

interface ExportFile {
  fileName?: string;
  name?: string;
  mimeType?: string;
  dataBase64?: string;
  content?: string;
  text?: string;
  path?: string;
}

/** Offer the export as a file; returns the file name (or path the core wrote). */
export function saveExport(result: unknown, format: string): string {
  const file = (result ?? {}) as ExportFile;
  if (typeof result === 'string') return download(new Blob([result], { type: 'text/plain' }), `pizhu.${EXTENSIONS[format] ?? 'txt'}`);
  const name = file.fileName ?? file.name ?? `pizhu.${EXTENSIONS[format] ?? 'bin'}`;
  if (file.dataBase64) {
    const bytes = Uint8Array.from(atob(file.dataBase64), (c) => c.charCodeAt(0));
    return download(new Blob([bytes], { type: file.mimeType ?? 'application/octet-stream' }), name);
  }
  const text = file.content ?? file.text;
  if (typeof text === 'string') return download(new Blob([text], { type: file.mimeType ?? 'text/plain' }), name);
  if (file.path) return file.path;
  return download(new Blob([JSON.stringify(result, null, 2)], { type: 'application/json' }), name);
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
