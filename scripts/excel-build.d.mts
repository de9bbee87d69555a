// Types of scripts/excel-build.mjs for the TypeScript tests that run the build.
export declare const EXCEL_OUT: string;
export declare const ICON_SIZES: number[];
export declare function buildExcel(options?: { outDir?: string }): Promise<Record<'taskpane' | 'style' | 'script' | 'functions' | `icon${number}`, string>>;
