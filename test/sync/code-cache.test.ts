// A large CommonJS file (ECharts) loaded with V8's code cache: the next load takes the cache, a changed file
// never runs stale code, and a folder that cannot be written only costs the compiling.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requireWithCodeCache } from '../../sync/code-cache';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-code-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const moduleText = (answer: number) => `exports.answer = function () { return ${answer}; };\nexports.file = __filename;\n`;

describe('requireWithCodeCache', () => {
  it('compiles the file the first time and takes the saved cache the next', async () => {
    const file = join(dir, 'answer.js');
    await writeFile(file, moduleText(41));
    const first = requireWithCodeCache<{ answer(): number; file: string }>(file, join(dir, 'cache'));
    expect(first.fromCache).toBe(false);
    expect(first.exports.answer()).toBe(41);
    expect(first.exports.file).toBe(file);
    first.save();
    const second = requireWithCodeCache<{ answer(): number }>(file, join(dir, 'cache'));
    expect(second.fromCache).toBe(true);
    expect(second.exports.answer()).toBe(41);
  });

  it('runs a changed file as it now is, even at the same length as the cached one', async () => {
    const file = join(dir, 'answer.js');
    await writeFile(file, moduleText(41));
    const first = requireWithCodeCache<{ answer(): number }>(file, join(dir, 'cache'));
    // Called first, so its compiled code is in the cache.
    expect(first.exports.answer()).toBe(41);
    first.save();
    await writeFile(file, moduleText(42));
    const changed = requireWithCodeCache<{ answer(): number }>(file, join(dir, 'cache'));
    expect(changed.exports.answer()).toBe(42);
    expect(changed.fromCache).toBe(false);
  });

  it('loads where the cache cannot be written, compiling each time', async () => {
    const file = join(dir, 'answer.js');
    await writeFile(file, moduleText(7));
    // A cache folder inside a file cannot be made.
    const first = requireWithCodeCache<{ answer(): number }>(file, join(file, 'cache'));
    expect(() => first.save()).not.toThrow();
    const second = requireWithCodeCache<{ answer(): number }>(file, join(file, 'cache'));
    expect(second.fromCache).toBe(false);
    expect(second.exports.answer()).toBe(7);
  });

  it('gives ECharts from its cache the same drawing as ECharts required as usual', () => {
    const require = createRequire(import.meta.url);
    const file = require.resolve('echarts/dist/echarts.min.js');
    type ECharts = typeof import('echarts');
    const draw = (echarts: ECharts) => {
      const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 400, height: 240 });
      chart.setOption({ animation: false, xAxis: { type: 'category', data: ['City', 'County'] }, yAxis: {}, series: [{ type: 'bar', data: [3, 5] }] });
      const svg = chart.renderToSVGString();
      chart.dispose();
      return svg;
    };
    const first = requireWithCodeCache<ECharts>(file, join(dir, 'cache'));
    const drawn = draw(first.exports);
    first.save();
    const cached = requireWithCodeCache<ECharts>(file, join(dir, 'cache'));
    expect(cached.fromCache).toBe(true);
    expect(draw(cached.exports)).toBe(drawn);
    expect(drawn).toBe(draw(require('echarts/dist/echarts.min.js') as ECharts));
  });
});
