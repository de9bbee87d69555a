// The room in one document property: Apps Script keeps 9 KB per property, key and value, counted in UTF-8 (a
// header, a month or a sheet name in another language takes more than a byte a character). Decision 012.

/** Bytes a property's key and value may take together, a little under Apps Script's 9 KB. */
export const PROPERTY_BYTES = 9_000;

/** The bytes of `text` in UTF-8 (Apps Script's V8 has TextEncoder from addon/apps-script/text-encoder.ts). */
export const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;
