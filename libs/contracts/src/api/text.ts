/**
 * Text rules as JSON Schema patterns, for the published OpenAPI (ECMA-262 and Python `re` read
 * them alike). No text may hold a NUL byte (a 400 in every service).
 */
export const NO_NUL_PATTERN = '^[^\\u0000]*$';

/** Not blank: at least one character that is not whitespace (JavaScript's `\s`, BOM included). */
export const NOT_BLANK_PATTERN = '^[^\\u0000]*[^\\s\\u0000\\ufeff][^\\u0000]*$';
