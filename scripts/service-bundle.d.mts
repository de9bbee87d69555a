// Types of service-bundle.mjs (plain JavaScript: the `equity-desk` launcher runs it before anything is compiled).
export declare const SERVICE_BUNDLE: string;
export declare function buildServiceBundle(options?: { clean?: boolean }): Promise<string>;
export declare function serviceBundle(): Promise<string>;
