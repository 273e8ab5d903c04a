/**
 * What the build-time compiled validators (`src/codegen/standalone.ts`) call at runtime: Ajv's
 * string-length and deep-equality helpers and the format checks of ajv-formats. A few kilobytes,
 * instead of Ajv itself.
 */
export { default as ucs2length } from 'ajv/dist/runtime/ucs2length';
export { default as equal } from 'ajv/dist/runtime/equal';
export { fullFormats as formats } from 'ajv-formats/dist/formats';
