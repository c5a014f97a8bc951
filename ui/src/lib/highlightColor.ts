// The one rule for the colour a highlight is drawn in (reader, notes panel, theme page).
import { CORE_DEFAULT_HIGHLIGHT_COLOR } from './api/generated';
import { DEFAULT_COLOR } from '../features/reader/palette';
import { solid } from './segments';

/**
 * A highlight keeps a colour the reader picked; one left at the core's default
 * (made without a colour) takes its theme's colour, or else the UI's default.
 * `themeTone` is the colour of the theme it is shown under (its first, or the
 * page's). The result is an opaque CSS colour.
 */
export function highlightColor(color: string, themeTone?: string | null): string {
  const picked = color.trim() !== '' && color !== CORE_DEFAULT_HIGHLIGHT_COLOR;
  if (picked) return solid(color);
  return themeTone ? solid(themeTone) : DEFAULT_COLOR;
}
