// An esbuild plugin both add-in builds share (scripts/build.mjs for Code.js, scripts/excel-build.mjs for the Excel
// task pane): modules whose values are data computed with zod are evaluated at build time and bundled as that data,
// so neither add-in carries zod or computes the data as it loads.
import { build } from 'esbuild';

/** Modules the add-ins import whose values are data computed with zod, or measured (the templates' printed layouts). */
const BUILT_DATA = /[\\/](shared[\\/]shapes[\\/]built-shapes|addon[\\/]core[\\/]template-prints)\.ts$/;

/**
 * The shapes the add-ins check answers and rows with (`shared/shapes/built-shapes.ts`), generated from the zod schemas
 * now, so the bundle carries them as plain data and no zod.
 */
export const builtData = {
  name: 'built-data',
  setup(plugin) {
    plugin.onLoad({ filter: BUILT_DATA }, async ({ path: file }) => {
      const result = await build({ entryPoints: [file], bundle: true, write: false, target: 'es2020', legalComments: 'none', logLevel: 'silent', format: 'esm', platform: 'node' });
      const mod = await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
      return { contents: Object.entries(mod).map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`).join('\n'), loader: 'js' };
    });
  },
};
