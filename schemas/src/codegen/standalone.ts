/**
 * Validators compiled at build time (Ajv's standalone code) instead of at cold start: a function
 * that validates with them neither carries Ajv nor compiles a schema when it starts. Used by the
 * generators of `@bank/schemas`, `@bank/risk-policy` and `bank-plugins sync`; never at runtime.
 */
import Ajv, { type Options } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import { _ } from 'ajv/dist/compile/codegen';
import standaloneCode from 'ajv/dist/standalone';
import addFormats, { type FormatName } from 'ajv-formats';
import { SchemaError } from '../errors';

export interface StandaloneSpec {
  /** Export name → JSON Schema. */
  readonly schemas: Readonly<Record<string, object>>;
  /** Draft 2020-12, or draft-07 (Ajv's default dialect, for schemas that do not name one). */
  readonly draft: '2020-12' | '07';
  /** Validation options (`allErrors`, `useDefaults`, `coerceTypes`, `strict`…); code options are set here. */
  readonly options?: Options;
  /** Formats the schemas use (ajv-formats names); `undefined`: all of them. */
  readonly formats?: readonly FormatName[];
}

/** The module generated code imports its helpers from (string length, deep equality, formats). */
export const VALIDATOR_RUNTIME_MODULE = '@bank/schemas/validator-runtime';

/** Ajv's runtime helpers the generated code may require, and their names in the runtime module. */
const RUNTIME_HELPERS: Readonly<Record<string, string>> = { ucs2length: 'ucs2length', equal: 'equal' };

/** Keywords that never change what a schema accepts. Ajv's code embeds a schema it reads enums from whole, so they would ride in every bundle. */
const ANNOTATIONS = new Set(['title', 'description', '$comment', 'examples']);
/** Keywords whose value maps names (of properties, definitions) to schemas: their keys are data, not keywords. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Keywords whose value is data (never a schema). */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'required', 'dependentRequired', 'dependencies']);

/**
 * The schema without annotations (what it accepts is the same).
 *
 * @example withoutAnnotations({ type: 'string', description: 'An id' }) // { type: 'string' }
 */
export function withoutAnnotations(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutAnnotations);
  if (typeof schema !== 'object' || schema === null) return schema;
  const entries = Object.entries(schema).filter(([keyword]) => !ANNOTATIONS.has(keyword));
  return Object.fromEntries(
    entries.map(([keyword, value]) => {
      if (DATA_KEYWORDS.has(keyword)) return [keyword, value];
      if (SCHEMA_MAPS.has(keyword) && typeof value === 'object' && value !== null) {
        return [keyword, Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, withoutAnnotations(sub)]))];
      }
      return [keyword, withoutAnnotations(value)];
    }),
  );
}

function standaloneSource(spec: StandaloneSpec, esm: boolean): string {
  const code = { source: true, esm, formats: _`runtime.formats` };
  const ajv = spec.draft === '2020-12' ? new Ajv2020({ ...spec.options, code }) : new Ajv({ ...spec.options, code });
  addFormats(ajv, spec.formats ? [...spec.formats] : undefined);
  for (const [name, schema] of Object.entries(spec.schemas)) ajv.addSchema(withoutAnnotations(schema) as object, name);
  const source = standaloneCode(ajv, Object.fromEntries(Object.keys(spec.schemas).map((name) => [name, name])));
  const rewritten = source
    .replace(/^"use strict";/, '')
    .replace(/require\("ajv\/dist\/runtime\/(\w+)"\)\.default/g, (whole, helper: string) => {
      const name = RUNTIME_HELPERS[helper];
      if (!name) throw new SchemaError(`generated validator needs Ajv runtime helper ${helper}, which ${VALIDATOR_RUNTIME_MODULE} does not provide`);
      return `runtime.${name}`;
    });
  if (/\brequire\(/.test(rewritten)) throw new SchemaError('generated validator code still requires a module; extend the validator runtime');
  return withSharedCollects(withSharedFailures(withoutSchemaPaths(rewritten)));
}

/** `<validator>.errors = [{instancePath…,schemaPath:"",keyword:"…",params:`: how each of Ajv's early exits begins. */
const EARLY_EXIT = /(validate\d+)\.errors = \[\{instancePath(:instancePath(?:\+"(?:[^"\\]|\\.)*")?)?,schemaPath:"",keyword:"(\w+)",params:/g;

/** `const errN = {`: how each error Ajv's code collects (allErrors, or inside `not`) begins. */
const COLLECTED_ERROR = /const (err\d+) = \{/g;

/** The end of the balanced `{…}` starting at `start` (string literals skipped), or -1. */
function objectEnd(code: string, start: number): number {
  let depth = 0;
  for (let i = start; i < code.length; i += 1) {
    const c = code[i];
    if (c === '"') {
      for (i += 1; i < code.length && code[i] !== '"'; i += code[i] === '\\' ? 2 : 1);
    } else if (c === '{') depth += 1;
    else if (c === '}' && (depth -= 1) === 0) return i + 1;
  }
  return -1;
}

/**
 * Each early exit of Ajv's code (`v.errors = [{instancePath, schemaPath:"", keyword, params}];
 * return false;`) as a call of the runtime's `fail`, which builds the same error: a validator has
 * one per keyword it checks, and the literal is most of its size (about 40 % of the event
 * validators, in every bundle that validates events). Exits of another shape stay as they are.
 */
export function withSharedFailures(code: string): string {
  let out = '';
  let from = 0;
  for (const match of code.matchAll(EARLY_EXIT)) {
    const paramsStart = (match.index ?? 0) + match[0].length;
    const paramsEnd = code[paramsStart] === '{' ? objectEnd(code, paramsStart) : -1;
    const tail = '}];return false;';
    if (paramsEnd < 0 || !code.startsWith(tail, paramsEnd)) continue;
    const [, validator, path, keyword] = match;
    out += `${code.slice(from, match.index)}return runtime.fail(${validator},${path ? path.slice(1) : 'instancePath'},"${keyword}",${code.slice(paramsStart, paramsEnd)});`;
    from = paramsEnd + tail.length;
  }
  return out + code.slice(from);
}

/**
 * Errors keep their `schemaPath` only under `propertyNames` (validation-issues.ts words those by
 * it); elsewhere nothing reads it and it is a tenth of the generated code, in every bundle.
 */
function withoutSchemaPaths(code: string): string {
  return code.replace(/schemaPath:"#[^"]*"/g, (field) => (field.includes('/propertyNames/') ? field : 'schemaPath:""'));
}

/** A generated ES module (`js`) and its declarations (`dts`). */
export interface ValidatorModule {
  readonly js: string;
  readonly dts: string;
}

/**
 * An ES module whose exports are the compiled validators (each a function with `.errors`), by
 * the names of `spec.schemas`, and its declarations: every export is a `CompiledValidator` of
 * `typesModule`. Unused exports are tree-shaken by the bundler.
 *
 * @example
 * const { js, dts } = renderValidatorModule({ draft: '2020-12', schemas: { Deposit: depositSchema } }, 'Compiled from api/*.json.', '../validation-issues');
 */
export function renderValidatorModule(spec: StandaloneSpec, banner: string, typesModule: string): ValidatorModule {
  const header = `// ${banner} Do not edit.`;
  const js = [header, `import * as runtime from '${VALIDATOR_RUNTIME_MODULE}';`, standaloneSource(spec, true), ''].join('\n');
  const dts = [
    header,
    `import type { CompiledValidator } from '${typesModule}';`,
    '',
    ...Object.keys(spec.schemas).map((name) => `export declare const ${name}: CompiledValidator<unknown>;`),
    '',
  ].join('\n');
  return { js, dts };
}

/**
 * An expression evaluating to `{ [name]: validator }`, for generated files that hold validators
 * compiled with different options (each expression has its own scope, so names never collide).
 * The file must import the runtime as `runtime` (see {@link runtimeImport}) and is not type-checked.
 */
export function renderValidatorExpression(spec: StandaloneSpec): string {
  return `/* @__PURE__ */ (() => {\n  const exports = {};\n  ${standaloneSource(spec, false)}\n  return exports;\n})()`;
}

/**
 * The import line generated files using {@link renderValidatorExpression} start with; `module`
 * re-exports {@link VALIDATOR_RUNTIME_MODULE} (default: that module itself).
 */
export const runtimeImport = (module: string = VALIDATOR_RUNTIME_MODULE): string => `import * as runtime from '${module}';`;

/**
 * Each collected error (`const errN = {…};if(vErrors === null){vErrors = [errN];}else
 * {vErrors.push(errN);}errors++;`) as a call of the runtime's `collect`, which appends it the same
 * way: the config validators (allErrors) have one per keyword they check.
 */
export function withSharedCollects(code: string): string {
  let out = '';
  let from = 0;
  for (const match of code.matchAll(COLLECTED_ERROR)) {
    const objectStart = (match.index ?? 0) + match[0].length - 1;
    const objectEnds = objectEnd(code, objectStart);
    const name = match[1] ?? '';
    const tail = `;if(vErrors === null){vErrors = [${name}];}else {vErrors.push(${name});}errors++;`;
    if (objectEnds < 0 || !code.startsWith(tail, objectEnds)) continue;
    out += `${code.slice(from, match.index)}vErrors = runtime.collect(vErrors,${code.slice(objectStart, objectEnds)});errors++;`;
    from = objectEnds + tail.length;
  }
  return out + code.slice(from);
}
