// Types of scripts/build.mjs for the TypeScript tests that run the build.
export declare const DEFAULT_OUT: string;
export declare function buildAppsScript(options?: { outDir?: string }): Promise<{ code: string; sidebar: string; manifest: string }>;
