/**
 * Draws the charts of a message (`ImagePart`, a Vega-Lite specification) as PNG on the server: Vega-Lite compiled to
 * Vega, rendered to SVG without a browser, turned into PNG by resvg with the DejaVu Sans font shipped through npm
 * (dejavu-fonts-ttf) and no system fonts — so the picture is the same on every machine. Shared by the platforms.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ImagePart } from '../messaging/reply.js';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => path.join(FONT_DIR, f));

/** The chart as SVG text. */
export async function chartSvg(part: ImagePart): Promise<string> {
  const compiled = compile(part.spec as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * The chart as PNG bytes, by default at twice the specification's size (sharp on high-density screens). `maxWidth`
 * caps the width in pixels (Teams shows pictures up to 1024 × 1024).
 */
export async function chartPng(part: ImagePart, options: { scale?: number; maxWidth?: number } = {}): Promise<Buffer> {
  const svg = await chartSvg(part);
  const resvg = new Resvg(svg, {
    fitTo: options.maxWidth !== undefined ? { mode: 'width', value: options.maxWidth } : { mode: 'zoom', value: options.scale ?? 2 },
    background: 'white',
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
