// The master workbook's chart pictures are drawn in the project's own font, not whatever fonts the machine has: a
// server with none would draw charts without a word, and one with many loaded them all for every chart.
import { createRequire } from 'node:module';
import { renderAsync } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { demandCharts } from '../../../sync/charts/demand-charts';
import { renderPng, renderSvg } from '../../../sync/charts/render-chart';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';

const fontFile = (weight: string) => createRequire(import.meta.url).resolve(`@expo-google-fonts/arimo/${weight}/Arimo_${weight}.ttf`);

describe('a chart picture', () => {
  const rows = ['State agency', 'City', 'County'].map((requesterType, i) => ({
    sourceId: 's', sourceName: 'Commission TA log', rowId: `r${i}`, values: { requesterType, receivedOn: '2026-11-02', status: 'New' },
  }));
  const spec = demandCharts(aggregateMetrics({ requests: rows }, { asOf: '2026-12-03', rules: DEFAULT_RULES }), 640)[0];

  it('is drawn in Arimo, which the project carries, whatever fonts the machine has', async () => {
    const arimoOnly = await renderAsync(renderSvg(spec, true), {
      fitTo: { mode: 'width', value: spec.width * 2 },
      font: { loadSystemFonts: false, fontFiles: [fontFile('400Regular'), fontFile('700Bold')], defaultFontFamily: 'Arimo', sansSerifFamily: 'Arimo' },
    });
    const noFont = await renderAsync(renderSvg(spec, true), { fitTo: { mode: 'width', value: spec.width * 2 }, font: { loadSystemFonts: false } });
    const png = Buffer.from(await renderPng(spec));
    expect(png.equals(Buffer.from(arimoOnly.asPng()))).toBe(true);
    // And it has words: the same picture drawn with no font at all differs.
    expect(png.equals(Buffer.from(noFont.asPng()))).toBe(false);
  });
});
