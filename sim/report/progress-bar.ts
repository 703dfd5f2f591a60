// A one-line progress bar for long simulations, drawn on a terminal only (never into logs or pipes).

/** What the bar writes to: `process.stderr`, or any stream-like object in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): unknown;
}

export interface ProgressBarOptions {
  /** Defaults to `process.stderr`, so the table on stdout stays clean when piped. */
  stream?: ProgressStream;
  /** Units of work in the run (simulated steps, say); `update` takes how many are done. */
  total: number;
  label: string;
  /** Monotonic clock in ms, for the redraw throttle and the ETA; injectable so tests need no timers. */
  nowMs?: () => number;
}

export interface ProgressBar {
  update(done: number): void;
  /** Draws the completed bar and ends the line; later calls do nothing. */
  finish(): void;
}

/** At most ~10 redraws per second: a 10 s run of millions of steps must not spend its time drawing. */
const MIN_REDRAW_MS = 100;
const SILENT: ProgressBar = { update: () => undefined, finish: () => undefined };

const seconds = (ms: number): string => {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
};

/**
 * A single-line bar redrawn in place with `\r`, throttled to ~10 frames/s, drawn only when `stream.isTTY`:
 * on a pipe, in CI or in a log file it writes nothing at all.
 *
 * @example
 * const bar = makeProgressBar({ total: steps, label: 'simulating' });
 * for (let i = 0; i < steps; i++) { step(); bar.update(i + 1); }
 * bar.finish();
 */
export const makeProgressBar = ({ stream = process.stderr, total, label, nowMs = () => performance.now() }: ProgressBarOptions): ProgressBar => {
  if (stream.isTTY !== true) return SILENT;
  const startedMs = nowMs();
  let lastDrawMs = Number.NEGATIVE_INFINITY;
  let lastWidth = 0;
  let finished = false;

  const draw = (done: number): void => {
    const share = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
    const columns = stream.columns ?? 80;
    const barWidth = Math.max(10, Math.min(40, columns - label.length - 32));
    const filled = Math.round(share * barWidth);
    const elapsedMs = nowMs() - startedMs;
    const eta = share > 0 && share < 1 ? ` eta ${seconds((elapsedMs * (1 - share)) / share)}` : '';
    const text = `${label} [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${seconds(elapsedMs)}${eta}`;
    // Blank out what remains of a longer previous frame (the ETA shrinks).
    stream.write(`\r${text.padEnd(lastWidth)}`);
    lastWidth = text.length;
  };

  return {
    update(done) {
      if (finished) return;
      const now = nowMs();
      if (now - lastDrawMs < MIN_REDRAW_MS) return;
      lastDrawMs = now;
      draw(done);
    },
    finish() {
      if (finished) return;
      finished = true;
      draw(total);
      stream.write('\n');
    },
  };
};
