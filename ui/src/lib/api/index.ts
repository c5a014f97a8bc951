// Typed operations over whichever transport runs this UI.
import { ApiError, toApiError, type Opened, type Transport } from './api';
import { HttpTransport, takeTokenFromUrl } from './http';
import type {
  AddStyleArgs, CitationStyleInfo, CitationStyles, CiteArgs, CiteResult, Reference, SetReferenceArgs,
  Article, ArticleCard, ArticleMetaPatch, ArticlePassages, ArticleSummary, BackupInfo, CellArgs, CooccurrenceReport, DeleteThemeArgs,
  DeleteThemeOutcome, EditOutcome, ExportRequest, ExportResult, Highlight, ImportDataArgs, ImportFilesArgs, ImportReport, KeyTerm,
  KeyTermsArgs, KwicArgs, KwicLine, LibraryStatus, ListHighlightsArgs, CooccurrenceArgs, MatrixArgs, MatrixReport, MeetingLine, MemoArgs,
  MergeThemesArgs, MoveThemeArgs, NewHighlight, NewTheme, Operation, PairArgs, PassageLine, PlaceArgs, PositionArgs,
  RestoreArgs, RestoreReport, SearchArgs, SearchResults, SegmentArgs, SegmentToken, FoldTextArgs, Settings, StepResult, SuggestArgs, Progress,
  SuggestionArgs, SuggestionLine, SvgArgs, Theme, ThemePassagesArgs, UpdateHighlightArgs, UpdateMetaArgs, UpdateThemeArgs,
  WordAtArgs, WordRange, ReviewCard, NewCard, CardSelection, AddedCards, DueArgs, GradeArgs, ReviewStats, ReviewLimits,
  HistoryCsv, StatsArgs, Collection, DeleteCollectionOutcome, AddCollectionArgs, RenameCollectionArgs, MembersArgs,
  MoveArticlesArgs, DeleteArticlesArgs, EditTextArgs, ImportZoteroArgs, ZoteroReport, DismissedArgs, DismissedSuggestion,
  AppInfo, LicencesText,
} from './types';

export { ApiError, toApiError };
export type { Opened };
export type * from './types';

let transport: Transport | null = null;

/** Pick the transport once at start-up: Tauri's IPC inside the desktop app, HTTP otherwise. */
export async function connect(): Promise<Transport> {
  if ('__TAURI_INTERNALS__' in window) {
    const { TauriTransport } = await import('./tauri');
    transport = new TauriTransport();
  } else {
    transport = new HttpTransport(await takeTokenFromUrl());
  }
  return transport;
}

/** The desktop app's native file operations, when this UI runs inside it. */
export function nativeFiles(): Pick<Required<Transport>, 'exportToFile' | 'revealPath'> | null {
  const t = transport;
  return t?.exportToFile && t.revealPath ? { exportToFile: t.exportToFile.bind(t), revealPath: t.revealPath.bind(t) } : null;
}

/** The desktop app's "open the original in the system's viewer", when this UI runs inside it. */
export function nativeViewer(): ((articleId: number, page?: number) => Promise<void>) | null {
  const t = transport;
  return t?.openOriginal ? t.openOriginal.bind(t) : null;
}

/** The desktop app's "open the library folder", when this UI runs inside it. */
export function nativeLibraryFolder(): (() => Promise<void>) | null {
  const t = transport;
  return t?.openLibraryFolder ? t.openLibraryFolder.bind(t) : null;
}

/** The desktop app's "what the desktop asked to open" (links, files), when this UI runs inside it. */
export function nativeOpened(): ((handler: (items: Opened[]) => void) => void) | null {
  const t = transport;
  return t?.onOpened ? t.onOpened.bind(t) : null;
}

/** The desktop app's native import dialog, when this UI runs inside it. */
export function nativePicker(): (() => Promise<string[]>) | null {
  const t = transport;
  return t?.pickImportFiles ? t.pickImportFiles.bind(t) : null;
}

/** The desktop app's native folder picker (the Zotero dialog), when this UI runs inside it. */
export function nativeFolderPicker(): (() => Promise<string | null>) | null {
  const t = transport;
  return t?.pickFolder ? t.pickFolder.bind(t) : null;
}

let launchReported = false;
/** Once per page load, when the library list is first drawn (desktop only; see the UI benchmark). */
export function reportLibraryVisible(): void {
  if (launchReported || !transport?.libraryVisible) return;
  launchReported = true;
  // After the frame that shows the list has been painted.
  requestAnimationFrame(() => setTimeout(() => void transport?.libraryVisible?.(), 0));
}

/** Run one operation by name; features call the typed `api` below instead. */
/** The user's offset from UTC in minutes (UTC+8: 480): the core's "today" and
 *  "exported at" are the user's, even when `pizhu serve` runs in another zone. */
export function utcOffsetMinutes(at: Date = new Date()): number {
  return -at.getTimezoneOffset();
}

function call<T>(op: Operation, args: object = {}): Promise<T> {
  if (!transport) return Promise.reject(new ApiError('internal', 'the API is not connected yet'));
  return transport.call<T>(op, args as Record<string, unknown>);
}

/** `T` with the fields `K` left out allowed: the core fills in their serde defaults. */
type Defaulted<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

// Argument and result types are generated from the Rust types (see ./generated).
export const api = {
  listArticles: () => call<ArticleSummary[]>('listArticles'),
  /** The library list: one card per article (no reference, no text). */
  listArticleCards: () => call<ArticleCard[]>('listArticleCards'),
  getArticleSummary: (id: number) => call<ArticleSummary>('getArticleSummary', { id }),
  getArticle: (id: number) => call<Article>('getArticle', { id }),
  importData: (fileName: string, dataBase64: string) => call<ImportReport>('importData', { fileName, dataBase64 } satisfies ImportDataArgs),
  /** Import files by path (the desktop app's own dialog chose them). */
  importPaths: (paths: string[]) => call<ImportReport>('importFiles', { paths } satisfies ImportFilesArgs),
  updateArticleMeta: (id: number, patch: ArticleMetaPatch) => call<Article>('updateArticleMeta', { id, ...patch } satisfies UpdateMetaArgs),
  setReference: (id: number, reference: Reference) => call<Article>('setReference', { id, reference } satisfies SetReferenceArgs),
  /** Bibliography entries and in-text citations of articles in a CSL style (default: the chosen one). */
  cite: (args: CiteArgs) => call<CiteResult>('cite', args),
  listCitationStyles: () => call<CitationStyles>('listCitationStyles'),
  addCitationStyle: (xml: string) => call<CitationStyleInfo>('addCitationStyle', { xml } satisfies AddStyleArgs),
  setArticleMemo: (id: number, memo: string) => call<null>('setArticleMemo', { id, memo } satisfies MemoArgs),
  setReadingPosition: (id: number, position: number) => call<null>('setReadingPosition', { id, position } satisfies PositionArgs),
  deleteArticle: (id: number) => call<null>('deleteArticle', { id }),
  /** Delete several articles as one undoable step. */
  deleteArticles: (ids: number[]) => call<number>('deleteArticles', { ids } satisfies DeleteArticlesArgs),
  /** Replace an article's text; its highlights re-anchor (orphans to review), one undo step. */
  editArticleText: (id: number, text: string) => call<EditOutcome>('editArticleText', { id, text } satisfies EditTextArgs),

  /** A Zotero library from its data folder (a folder the desktop's picker granted). */
  importZotero: (a: ImportZoteroArgs) => call<ZoteroReport>('importZotero', a),

  // Article collections: every change undoable.
  listCollections: () => call<Collection[]>('listCollections'),
  addCollection: (name: string, parent: number | null) => call<Collection>('addCollection', { name, parent } satisfies AddCollectionArgs),
  renameCollection: (id: number, name: string) => call<Collection>('renameCollection', { id, name } satisfies RenameCollectionArgs),
  deleteCollection: (id: number) => call<DeleteCollectionOutcome>('deleteCollection', { id }),
  addToCollection: (collection: number, articleIds: number[]) => call<number>('addToCollection', { collection, articleIds } satisfies MembersArgs),
  removeFromCollection: (collection: number, articleIds: number[]) => call<number>('removeFromCollection', { collection, articleIds } satisfies MembersArgs),
  moveToCollection: (from: number, to: number, articleIds: number[]) => call<number>('moveToCollection', { from, to, articleIds } satisfies MoveArticlesArgs),
  /** Re-extract an article from its stored original; its highlights re-anchor (one undo step). */
  reimportArticle: (id: number) => call<EditOutcome>('reimportArticle', { id }),
  getSettings: () => call<Settings>('getSettings'),
  setSetting: (key: string, value: unknown) => call<null>('setSetting', { key, value }),

  listHighlights: (filter: Defaulted<ListHighlightsArgs, 'includeChildren'>) => call<Highlight[]>('listHighlights', filter),
  addHighlight: (h: Defaulted<NewHighlight, 'themes' | 'themeIds' | 'note' | 'fromUtf16'>) => call<Highlight>('addHighlight', h),
  updateHighlight: (h: UpdateHighlightArgs) => call<Highlight>('updateHighlight', h),
  deleteHighlight: (id: number) => call<null>('deleteHighlight', { id }),
  listOrphans: () => call<Highlight[]>('listOrphans'),
  /** Re-attach an orphaned highlight to [start, end) of its article's current text. */
  placeOrphan: (id: number, start: number, end: number) => call<Highlight>('placeOrphan', { id, start, end } satisfies Defaulted<PlaceArgs, 'fromUtf16'>),
  undo: () => call<StepResult>('undo'),
  redo: () => call<StepResult>('redo'),

  listThemes: () => call<Theme[]>('listThemes'),
  addTheme: (t: Defaulted<NewTheme, 'description' | 'keywords' | 'memo'>) => call<Theme>('addTheme', t),
  updateTheme: (t: UpdateThemeArgs) => call<Theme>('updateTheme', t),
  mergeThemes: (from: number, into: number) => call<Theme>('mergeThemes', { from, into } satisfies MergeThemesArgs),
  moveTheme: (id: number, parentId: number | null, position?: number) => call<Theme>('moveTheme', { id, parentId, position } satisfies MoveThemeArgs),
  deleteTheme: (id: number, mode: DeleteThemeArgs['mode']) => call<DeleteThemeOutcome>('deleteTheme', { id, mode } satisfies DeleteThemeArgs),
  themePassages: (themeId: number, includeChildren: boolean) => call<ArticlePassages[]>('themePassages', { themeId, includeChildren } satisfies ThemePassagesArgs),

  search: (query: string, limit = 30) => call<SearchResults>('search', { query, limit } satisfies SearchArgs),
  /** The word holding `offset` as jieba cuts its paragraph; null on a paragraph break or past the end. */
  wordAt: (articleId: number, offset: number) => call<WordRange | null>('wordAt', { articleId, offset } satisfies WordAtArgs),
  /** jieba's words of `text`, offsets in code points from its start. */
  segment: (text: string) => call<SegmentToken[]>('segment', { text } satisfies SegmentArgs),
  /** Texts folded as search folds them (half-width, lower case, traditional → simplified), one code point for one. */
  foldText: (texts: string[]) => call<string[]>('foldText', { texts } satisfies FoldTextArgs),

  themeMatrix: (a: Defaulted<MatrixArgs, 'onlyCoded' | 'includeChildren'>) => call<MatrixReport>('themeMatrix', a),
  /** The passages behind one cell of the matrix. */
  matrixCell: (a: Defaulted<CellArgs, 'includeChildren'>) => call<PassageLine[]>('matrixCell', a),
  themeCooccurrence: (a: Defaulted<CooccurrenceArgs, 'includeChildren'> = {}) => call<CooccurrenceReport>('themeCooccurrence', a),
  cooccurrencePassages: (a: Defaulted<PairArgs, 'includeChildren'>) => call<MeetingLine[]>('cooccurrencePassages', a),
  keyTerms: (a: Defaulted<KeyTermsArgs, 'method' | 'includeChildren'>) => call<KeyTerm[]>('keyTerms', a),
  kwic: (a: Defaulted<KwicArgs, 'sort'>) => call<KwicLine[]>('kwic', a),
  suggestPassages: (a: SuggestArgs) => call<SuggestionLine[]>('suggestPassages', a),
  /** Where a `suggestPassages` running meanwhile stands (null: none is). */
  suggestProgress: () => call<Progress | null>('suggestProgress'),
  /** Code the suggested sentence with its theme (an undoable highlight). */
  acceptSuggestion: (a: SuggestionArgs) => call<Highlight>('acceptSuggestion', a),
  /** One undo step; the sentence is listed by `dismissedSuggestions` until restored. */
  dismissSuggestion: (a: SuggestionArgs) => call<{ dismissed: boolean }>('dismissSuggestion', a),
  dismissedSuggestions: (themeId: number) => call<DismissedSuggestion[]>('dismissedSuggestions', { themeId } satisfies DismissedArgs),
  /** Let a dismissed sentence be suggested again (one undo step). */
  restoreSuggestion: (a: SuggestionArgs) => call<{ restored: boolean }>('restoreSuggestion', a),
  /** A standalone SVG of the matrix or the co-occurrence table. */
  picture: (op: 'themeMatrixSvg' | 'cooccurrenceSvg', a: Defaulted<SvgArgs, 'onlyCoded' | 'dark' | 'includeChildren'>) => call<{ svg: string }>(op, a),

  /** The notes as a file, its bytes base64 (the browser downloads it). */
  exportNotes: (a: ExportRequest) => call<ExportResult>('exportNotes', { utcOffsetMinutes: utcOffsetMinutes(), ...a }),

  // The daily review (issue #19).
  /** A passage card (no `cloze`) or a cloze card (code-point spans within the passage). */
  reviewAdd: (c: Defaulted<NewCard, 'cloze' | 'question'>) => call<ReviewCard>('reviewAdd', c),
  /** Passage cards for every highlight of a theme and/or an article that has none yet. */
  reviewAddMany: (s: CardSelection) => call<AddedCards>('reviewAddMany', s),
  reviewRemove: (cardId: number) => call<null>('reviewRemove', { cardId }),
  reviewCardsOfHighlight: (highlightId: number) => call<ReviewCard[]>('reviewCardsOfHighlight', { highlightId }),
  reviewDue: (a: Omit<DueArgs, 'utcOffsetMinutes'> = { theme: null, articleId: null }) =>
    call<ReviewCard[]>('reviewDue', { ...a, utcOffsetMinutes: utcOffsetMinutes() } satisfies DueArgs),
  reviewGrade: (cardId: number, grade: 'again' | 'hard' | 'good' | 'easy') => call<ReviewCard>('reviewGrade', { cardId, grade } satisfies GradeArgs),
  reviewUndoGrade: () => call<ReviewCard>('reviewUndoGrade'),
  reviewStats: (days = 30) => call<ReviewStats>('reviewStats', { days, utcOffsetMinutes: utcOffsetMinutes() } satisfies StatsArgs),
  reviewLimits: () => call<ReviewLimits>('reviewLimits'),
  setReviewLimits: (l: ReviewLimits) => call<ReviewLimits>('setReviewLimits', l),
  reviewHistoryCsv: () => call<HistoryCsv>('reviewHistoryCsv'),

  libraryStatus: () => call<LibraryStatus>('libraryStatus'),
  /** This build's version and schema, and where its third-party licences are. */
  appInfo: () => call<AppInfo>('appInfo'),
  thirdPartyLicences: () => call<LicencesText>('thirdPartyLicences'),
  listBackups: () => call<BackupInfo[]>('listBackups'),
  backupNow: () => call<BackupInfo>('backupNow'),
  restoreBackup: (name: string) => call<RestoreReport>('restoreBackup', { name } satisfies RestoreArgs),
};
