// Interface strings live in message files (zh-CN is the default, en the
// alternative); `t(key, params)` reads the current language reactively.
import { zhCN, type MessageKey } from './zh-CN';
import { en } from './en';

export type Language = 'zh-CN' | 'en';
export type { MessageKey };

const tables: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

const current = $state({ lang: 'zh-CN' as Language });

export function setLanguage(lang: Language): void {
  current.lang = tables[lang] ? lang : 'zh-CN';
  document.documentElement.lang = current.lang;
}

export function language(): Language {
  return current.lang;
}

/** Whether `key` is a message (for keys built at run time, e.g. 'msg.' + kind). */
export function hasMessage(key: string): key is MessageKey {
  return key in zhCN;
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  let s = tables[current.lang][key] ?? zhCN[key] ?? key;
  if (params) {
    // `{n|highlight|highlights}`: the English word for the number in `n` (Chinese needs none).
    s = s.replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (whole, k: string, one: string, other: string) =>
      k in params ? (Number(params[k]) === 1 ? one : other) : whole);
    for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
  }
  return s;
}
