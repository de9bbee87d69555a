// Types of scripts/build.mjs for the TypeScript tests that run the build.
export declare const DEFAULT_OUT: string;
/** `serviceUrls`: allowed service URL prefixes (the manifest's urlFetchWhitelist); none builds for test deployments. */
export declare function buildAppsScript(options?: { outDir?: string; serviceUrls?: string[] }): Promise<{ code: string; sidebar: string; templateContent: string; manifest: string }>;
