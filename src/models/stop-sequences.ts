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
 * stop reading.
 */
export function stopWatcher(stops: readonly string[] | undefined, onDelta: (delta: string) => void) {
  let text = "";
  let done = false;
  return {
    push(delta: string): boolean {
      if (done || !delta) return done;
      const { text: kept, cut } = cutAtStop(text + delta, stops);
      const fresh = kept.slice(text.length);
      text = kept;
      if (fresh) onDelta(fresh);
      done = cut;
      return done;
    },
    get text() {
      return text;
    },
  };
}
