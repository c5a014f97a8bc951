// Timing marks the benchmark reads with performance.getEntriesByName():
//   pizhu:article  — from asking for an article to its text and highlights drawn
//   pizhu:search   — from a keystroke in search to its results drawn
//   pizhu:library  — from the library view being opened to its list drawn

export function startTiming(name: string): void {
  performance.clearMarks(`${name}:start`);
  performance.mark(`${name}:start`);
}

/**
 * Close the measure once the change is on screen: a frame callback runs before
 * style, layout and paint, and a message posted from it is handled after them.
 */
export function endTimingAfterPaint(name: string): Promise<number> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    requestAnimationFrame(() => channel.port2.postMessage(null));
    channel.port1.onmessage = () => {
      channel.port1.close();
      performance.mark(`${name}:end`);
      let duration = 0;
      try {
        duration = performance.measure(name, `${name}:start`, `${name}:end`).duration;
      } catch {
        // No start mark (e.g. a redraw after an edit): nothing to measure.
      }
      resolve(duration);
    };
  });
}
