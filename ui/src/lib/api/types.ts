// The shapes the core API returns (camelCase JSON). Offsets are code points.

export interface ArticleSummary {
  id: number;
  title: string;
  titleSupplied: boolean;
  authors: string[];
  source: string | null;
  published: string | null;
  originalFile: string | null;
  encoding: string | null;
  importedAt: string;
  length: number;
  highlightCount: number;
  readingPosition: number;
}

export interface Article extends Omit<ArticleSummary, 'length' | 'highlightCount'> {
  text: string;
  headings: number[];
  corrections: string[];
  memo: string;
  modifiedAt: string;
}

export interface Highlight {
  id: number;
  articleId: number;
  start: number;
  end: number;
  exact: string;
  prefix?: string;
  suffix?: string;
  color: string | null;
  themes: string[];
  note: string | null;
  orphan: boolean;
  createdAt?: string;
  modifiedAt?: string;
}

export interface Theme {
  id: number;
  name: string;
  color: string | null;
  description?: string | null;
  keywords?: string[];
  parentId: number | null;
  position: number;
  memo: string | null;
  highlightCount: number;
}

export interface ImportReport {
  imported: { id: number; title: string; file: string; encoding: string }[];
  duplicates: { id: number; file: string }[];
  failed: { file: string; error: string }[];
  warnings?: { file: string; warning: string }[];
}

export interface SearchHit {
  articleId: number;
  title: string;
  score: number;
  snippet: string;
  matches: { start: number; end: number }[];
  highlightId?: number | null;
  /** The match is in the article's memo only (no place in the text). */
  inMemo?: boolean;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
}

export type Settings = Partial<{
  language: 'zh-CN' | 'en';
  appearance: 'light' | 'sepia' | 'dark';
  fontSize: number;
  fontFamily: 'serif' | 'sans';
  lineHeight: number;
}>;

/** What an undo or redo did: a kind code with parameters (see pizhu_core::annotate::Action). */
export type UndoAction =
  | { kind: 'addHighlight' | 'editHighlight' | 'deleteHighlight' | 'placeHighlight'; quote: string }
  | { kind: 'tagHighlight' | 'untagHighlight'; quote: string; theme: string }
  | { kind: 'addTheme' | 'editTheme' | 'moveTheme' | 'deleteTheme'; name: string }
  | { kind: 'renameTheme'; from: string; to: string }
  | { kind: 'mergeThemes'; from: string; into: string }
  | { kind: 'editArticleText' | 'deleteArticle'; title: string }
  | { kind: 'other'; label: string };

export interface StepResult {
  action: UndoAction;
  /** The same in English (the CLI prints it). */
  label: string;
}
