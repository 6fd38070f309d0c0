import { redactSecrets } from "./redact.js";

/**
 * Redacts secrets from text that arrives in pieces (a streamed model reply): a secret split across
 * pieces is still caught, because the end of what arrived, where a secret may have begun, is held
 * back until the next piece (or {@link flush}) shows how it goes on. Without secrets, pieces pass at once.
 */
export function redactingDeltas(secrets: Iterable<string | undefined>, onDelta: (delta: string) => void): { push(delta: string): void; flush(): void } {
  const known = [...new Set(secrets)].filter((secret): secret is string => !!secret).sort((a, b) => b.length - a.length);
  const hold = Math.max(0, ...known.map((secret) => secret.length - 1));
  let pending = "";
  const emit = (text: string) => {
    const clean = known.some((secret) => text.includes(secret)) ? redactSecrets(text, known) : text;
    if (clean) onDelta(clean);
  };
  return {
    push(delta) {
      if (hold === 0) return emit(delta);
      pending += delta;
      let cut = pending.length - hold;
      if (cut <= 0) return;
      // Never cut through a secret that is there whole (moving the cut back may meet another one).
      for (let moved = true; moved; ) {
        moved = false;
        for (const secret of known) {
          for (let at = pending.indexOf(secret); at >= 0 && at < cut; at = pending.indexOf(secret, at + 1)) {
            if (at + secret.length > cut) {
              cut = at;
              moved = true;
            }
          }
        }
      }
      emit(pending.slice(0, cut));
      pending = pending.slice(cut);
    },
    flush() {
      emit(pending);
      pending = "";
    },
  };
}
