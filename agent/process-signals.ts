/** Termination signals of the real process (SIGTERM from systemd, SIGINT from a terminal) for the drain watcher. */
import type { TerminationSignals } from './drain-sources';

export const processSignals: TerminationSignals = {
  onTerminate(listener) {
    const handler = (signal: NodeJS.Signals) => listener(signal);
    process.on('SIGTERM', handler);
    process.on('SIGINT', handler);
    return () => {
      process.off('SIGTERM', handler);
      process.off('SIGINT', handler);
    };
  },
};
