// Dates and sizes as the interface's language writes them, in the local time zone.
import { language } from './index.svelte';

/** An RFC 3339 time (the core writes UTC) as a local date and time: "2026年12月1日 21:14". */
export function formatDateTime(iso: string, lang: string = language()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A file size: whole KB below a megabyte, MB with one decimal above. */
export function formatSize(bytes: number, lang: string = language()): string {
  const mb = 1024 * 1024;
  if (bytes >= mb) {
    return `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(bytes / mb)} MB`;
  }
  return `${new Intl.NumberFormat(lang).format(Math.max(1, Math.ceil(bytes / 1024)))} KB`;
}
