// Types of scripts/stack-names.mjs for its test.
/** `code` (esbuild's minified output with keepNames) without the function-name calls `keep(name)` does not ask for. */
export declare function trimNames(code: string, keep: (name: string) => boolean): string;
