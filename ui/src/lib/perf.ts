// Timing marks the benchmark reads with performance.getEntriesByName():
//   pizhu:article  — from asking for an article to its text and highlights drawn
//   pizhu:search   — from a keystroke in search to its results drawn

export function startTiming(name: string): void {
  performance.clearMarks(`${name}:start`);
  performance.mark(`${name}:start`);
}

/** Close the measure after the browser has laid out and is about to paint the change. */
export function endTimingAfterPaint(name: string): Promise<number> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      performance.mark(`${name}:end`);
      let duration = 0;
      try {
        duration = performance.measure(name, `${name}:start`, `${name}:end`).duration;
      } catch {
        // No start mark (e.g. a redraw after an edit): nothing to measure.
      }
      resolve(duration);
    });
  });
}
