// What the desktop asked the app to open (see src-tauri/src/opened.rs): a `pizhu://` link's
// route, or the report of importing a file opened with Pizhu. The last item decides where the
// window goes; every file that failed is told.
import type { FailedEntry, Opened } from '../../lib/api';

export interface OpenedPlan {
  /** The route to show, or null to stay. */
  route: string | null;
  /** Files that could not be imported. */
  failed: FailedEntry[];
  /** An import ran: views showing library data reload. */
  dataChanged: boolean;
}

export function planOpened(items: Opened[]): OpenedPlan {
  const plan: OpenedPlan = { route: null, failed: [], dataChanged: false };
  for (const item of items) {
    if (item.kind === 'route') {
      plan.route = item.route;
      continue;
    }
    const { imported, duplicates, failed } = item.report;
    plan.dataChanged = true;
    plan.failed.push(...failed);
    // A file already in the library opens its article all the same.
    const first = imported[0] ?? duplicates[0];
    if (first) plan.route = `#/article/${first.id}`;
  }
  return plan;
}
