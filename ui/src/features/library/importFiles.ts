import { api, toApiError, type ImportReport } from '../../lib/api';

// Articles, and reference files (RIS, BibTeX, EndNote, NoteExpress, CSL-JSON) whose records become articles.
export const ACCEPTED = '.txt,.text,.md,.markdown,.html,.htm,.xhtml,.docx,.pdf,.caj,.epub,.ris,.bib,.enw,.net,.csl,.json';

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Import items one by one (so one bad file fails alone), reporting progress. */
async function importEach<T>(
  items: T[],
  name: (item: T) => string,
  importOne: (item: T) => Promise<ImportReport>,
  onProgress: (done: number, total: number) => void,
): Promise<ImportReport> {
  const total: ImportReport = { imported: [], duplicates: [], failed: [], warnings: [] };
  onProgress(0, items.length);
  for (const [i, item] of items.entries()) {
    try {
      const report = await importOne(item);
      total.imported.push(...report.imported);
      total.duplicates.push(...report.duplicates);
      total.failed.push(...report.failed);
      total.warnings!.push(...(report.warnings ?? []));
    } catch (e) {
      total.failed.push({ file: name(item), error: toApiError(e).message });
    }
    onProgress(i + 1, items.length);
  }
  return total;
}

/** Files the page holds (file input, drag and drop): their bytes go to the core. */
export function importFiles(files: File[], onProgress: (done: number, total: number) => void): Promise<ImportReport> {
  return importEach(files, (f) => f.name, async (f) => api.importData(f.name, await toBase64(f)), onProgress);
}

/** Paths chosen in the desktop app's native dialog: the core reads them itself. */
export function importPaths(paths: string[], onProgress: (done: number, total: number) => void): Promise<ImportReport> {
  const fileName = (p: string) => p.split(/[\\/]/).pop() ?? p;
  return importEach(paths, fileName, (p) => api.importPaths([p]), onProgress);
}
