// Generated from pizhu-export's `Format` (crates/pizhu-export/src/format.rs).
// Do not edit: `PIZHU_BLESS=1 cargo test -p pizhu-export --test ui_formats` rewrites it.

export type ExportFormatName = "md" | "html" | "docx" | "csv" | "w3c" | "qdpx" | "anki" | "csl-json" | "bibtex" | "ris";

export interface ExportFormat {
  name: ExportFormatName;
  extension: string;
  mimeType: string;
}

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  { name: "md", extension: "md", mimeType: "text/markdown; charset=utf-8" },
  { name: "html", extension: "html", mimeType: "text/html; charset=utf-8" },
  { name: "docx", extension: "docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  { name: "csv", extension: "csv", mimeType: "text/csv; charset=utf-8" },
  { name: "w3c", extension: "jsonld", mimeType: "application/ld+json; profile=\"http://www.w3.org/ns/anno.jsonld\"" },
  { name: "qdpx", extension: "qdpx", mimeType: "application/zip" },
  { name: "anki", extension: "apkg", mimeType: "application/apkg" },
  { name: "csl-json", extension: "json", mimeType: "application/vnd.citationstyles.csl+json" },
  { name: "bibtex", extension: "bib", mimeType: "application/x-bibtex; charset=utf-8" },
  { name: "ris", extension: "ris", mimeType: "application/x-research-info-systems; charset=utf-8" },
];
