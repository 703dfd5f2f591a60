/** The `--html` page: the forecast plot as inline SVG (vega-lite, rendered in Node) and the table, self-contained. */
import { renderVegaLiteSvg } from '../../sim/report/charts/vega-svg';
import { escapeHtml } from '../../sim/report/html-escape';
import { REPORT_CSS } from '../../sim/report/report-css';
import { formatForecastTable } from './format-forecast';
import { forecastSpec } from './forecast-chart';
import type { ForecastView } from './forecast-view';

/**
 * One HTML file that needs nothing else: no script, no font, no URL. The table is the terminal's, in a <pre>,
 * so the page and the terminal never disagree.
 */
export const renderForecastHtml = async (view: ForecastView): Promise<string> => {
  const svg = await renderVegaLiteSvg(forecastSpec(view));
  const [title = 'forecast', ...rest] = formatForecastTable(view).split('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p class="caption">${escapeHtml('History (grey), point forecast (blue) with its 80% (darker) and 95% (lighter) prediction intervals, and what the trace shows after the origin (red) where it reaches; the dashed rule is the origin.')}</p>
<figure>${svg}</figure>
<pre>${escapeHtml(rest.join('\n').trim())}</pre>
</main>
</body>
</html>
`;
};
