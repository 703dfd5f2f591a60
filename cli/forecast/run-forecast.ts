/** `autopilot forecast`: read a trace, forecast the horizon, print the table (or JSON), optionally write the plot. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readTraceFile } from '../../sim/trace/read-trace-file';
import type { ForecastOptions } from './forecast-options';
import { forecastJson, formatForecastTable } from './format-forecast';
import { renderForecastHtml } from './forecast-html';
import { buildForecastView } from './forecast-view';

/** Writes to the given streams so tests can read what a user would see; returns the exit code. */
export const runForecast = async (
  options: ForecastOptions,
  out: { stdout: (text: string) => void; stderr: (text: string) => void },
): Promise<number> => {
  const view = buildForecastView(readTraceFile(options.trace), options);
  out.stdout(options.json ? forecastJson(view) : `${formatForecastTable(view)}\n`);
  if (options.html) {
    const path = resolve(options.html);
    writeFileSync(path, await renderForecastHtml(view));
    out.stderr(`plot written to ${path}\n`);
  }
  return 0;
};
