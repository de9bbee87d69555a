// Types of scripts/shared-strings.mjs for its test.
/** `code` (an esbuild IIFE bundle) with each repeated string literal declared once and read from there, where that is shorter. */
export declare function shareStrings(code: string): string;
