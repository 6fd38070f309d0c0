/**
 * The text up to and including the first stop sequence, for models that echo the stop string,
 * run past it, or were not given it: what follows it (e.g. an observation the model made up) is
 * dropped. `cut` says whether a stop sequence was found.
 */
export function cutAtStop(text: string, stops: readonly string[] | undefined): { text: string; cut: boolean } {
  let end = -1;
  for (const stop of stops ?? []) {
    if (!stop) continue;
    const at = text.indexOf(stop);
    if (at >= 0 && (end < 0 || at + stop.length < end)) end = at + stop.length;
  }
  return end < 0 ? { text, cut: false } : { text: text.slice(0, end), cut: true };
}

/**
 * Follows a reply streamed in pieces and passes on each piece up to the first stop sequence
 * (see {@link cutAtStop}); `push` returns true once the stop was seen, when the caller should
 * stop reading. Each piece is searched only where a stop sequence could end in it, so a long
 * reply costs linear time.
 */
export function stopWatcher(stops: readonly string[] | undefined, onDelta: (delta: string) => void): { push(delta: string): boolean } {
  const active = (stops ?? []).filter(Boolean);
  const overlap = Math.max(0, ...active.map((stop) => stop.length - 1));
  // The end of what was passed on, where a stop sequence split across pieces begins.
  let tail = "";
  let done = false;
  return {
    push(delta: string): boolean {
      if (done || !delta) return done;
      const { text: kept, cut } = cutAtStop(tail + delta, active);
      const fresh = kept.slice(tail.length);
      tail = overlap === 0 ? "" : kept.slice(-overlap);
      if (fresh) onDelta(fresh);
      done = cut;
      return done;
    },
  };
}
