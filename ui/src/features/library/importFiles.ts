import { api, toApiError, type ImportReport } from '../../lib/api';

export const ACCEPTED = '.txt,.md,.markdown,.html,.htm,.docx';

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

/** Import files one by one (so one bad file fails alone), reporting progress. */
export async function importFiles(files: File[], onProgress: (done: number, total: number) => void): Promise<ImportReport> {
  const total: ImportReport = { imported: [], duplicates: [], failed: [], warnings: [] };
  onProgress(0, files.length);
  for (const [i, file] of files.entries()) {
    try {
      const report = await api.importData(file.name, await toBase64(file));
      total.imported.push(...report.imported);
      total.duplicates.push(...report.duplicates);
      total.failed.push(...report.failed);
      total.warnings!.push(...(report.warnings ?? []));
    } catch (e) {
      total.failed.push({ file: file.name, error: toApiError(e).message });
    }
    onProgress(i + 1, files.length);
  }
  return total;
}
