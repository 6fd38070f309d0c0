import type { CliIo } from "../cli-io.js";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** A spinner with a message and the seconds waited, on stderr; silent when stderr is not a terminal. */
export interface ProgressLine {
  /** Shows `message` (replacing the current one) until {@link ProgressLine.clear}. */
  show(message: string): void;
  /** Erases the line; call before writing anything else to the terminal. */
  clear(): void;
}

/** A progress line on the CLI's stderr, drawn only when stderr is a terminal. */
export function progressLine(io: CliIo, now: () => number = Date.now): ProgressLine {
  if (!io.tty.err) return { show: () => {}, clear: () => {} };
  let timer: NodeJS.Timeout | undefined;
  let frame = 0;
  const clear = () => {
    if (timer === undefined) return;
    clearInterval(timer);
    timer = undefined;
    io.err("\r\x1b[K");
  };
  return {
    show(message) {
      clear();
      const started = now();
      const draw = () => {
        const seconds = Math.floor((now() - started) / 1000);
        io.err(`\r\x1b[K${FRAMES[frame++ % FRAMES.length]} ${message}${seconds > 0 ? ` (${seconds} s)` : ""}`);
      };
      draw();
      timer = setInterval(draw, 100);
      timer.unref();
    },
    clear,
  };
}
