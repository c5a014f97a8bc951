/** Highlight colours offered in the toolbar (the names are message keys). */
export const PALETTE = [
  { color: '#f2c230', name: 'color.yellow' },
  { color: '#5bb974', name: 'color.green' },
  { color: '#5a9bef', name: 'color.blue' },
  { color: '#ec7fa4', name: 'color.pink' },
  { color: '#a98be0', name: 'color.purple' },
] as const;

export const DEFAULT_COLOR = PALETTE[0].color;
