// Renders a vega-lite spec to an SVG string in Node, with no browser, canvas or network.
import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { compile } from 'vega-lite';

/** A renderer that never loads anything: every chart's data is inline, so any load attempt is a bug. */
const refuse = (): Promise<never> => Promise.reject(new Error('report charts use inline data only'));
const noLoader: vega.Loader = { load: refuse, sanitize: refuse, http: refuse, file: refuse };

/**
 * The chart as a standalone `<svg>` element. The xlink namespace declaration vega always writes is removed
 * when no `xlink:` attribute uses it, so the page holds no URL but the SVG namespace.
 */
export const renderVegaLiteSvg = async (spec: TopLevelSpec): Promise<string> => {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none', loader: noLoader });
  try {
    const svg = await view.toSVG();
    return svg.includes('xlink:href') ? svg : svg.replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', '');
  } finally {
    view.finalize();
  }
};
