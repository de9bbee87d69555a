// functions.json, the custom-functions metadata Excel reads from the manifest's URL: one entry per EQ.
// function, from the same entry list and docs as the Sheets functions' JSDoc. Written in the format
// `custom-functions-metadata` produces; that tool cannot run here (it needs the TypeScript 5 compiler
// API, which TypeScript 7 no longer ships), see docs/decisions/011-excel-add-in.md.
import { EXCEL_FUNCTIONS } from './functions';

export interface FunctionsJson {
  allowErrorForDataTypeAny: true;
  functions: {
    id: string;
    name: string;
    description: string;
    parameters: { name: string; description: string; type: 'any'; dimensionality: 'matrix'; optional?: true }[];
    result: { type: 'any'; dimensionality: 'matrix' };
    options?: { volatile: true };
  }[];
}

export function functionsJson(): FunctionsJson {
  return {
    // Without it Excel calls no function whose range holds an error cell: the whole column would show that error,
    // where the native formula shows it on that row alone.
    allowErrorForDataTypeAny: true,
    functions: EXCEL_FUNCTIONS.map((fn) => ({
      id: fn.id,
      name: fn.id,
      description: fn.doc.summary,
      // Every argument takes a whole range: one call answers a whole column.
      parameters: fn.doc.params.map((p) => ({ name: p.name, description: p.description, type: 'any', dimensionality: 'matrix', ...('optional' in p && p.optional ? { optional: true as const } : {}) })),
      result: { type: 'any', dimensionality: 'matrix' },
      ...(fn.volatile ? { options: { volatile: true as const } } : {}),
    })),
  };
}
