/** Colours offered for themes: the highlight palette and a few more, so a large code book stays apart. */
export const THEME_COLORS = [
  { color: '#f2c230', name: 'color.yellow' },
  { color: '#ee9a3a', name: 'color.orange' },
  { color: '#e0605a', name: 'color.red' },
  { color: '#ec7fa4', name: 'color.pink' },
  { color: '#a98be0', name: 'color.purple' },
  { color: '#5a9bef', name: 'color.blue' },
  { color: '#3fb4ae', name: 'color.teal' },
  { color: '#5bb974', name: 'color.green' },
  { color: '#9a9a9a', name: 'color.gray' },
] as const;
