import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type JsonSchema, JsonSchemaType, JsonSchemaVersion } from 'aws-cdk-lib/aws-apigateway';
import { apiRequestSchemas } from '@bank/schemas';
import { SchemaConversionError } from './errors';
import { REPO_ROOT } from './repo-paths';

/** Where the API request schemas live (`schemas/api/<Name>.json`, JSON Schema 2020-12). */
export const API_SCHEMA_DIR = path.join(REPO_ROOT, 'schemas', 'api');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const TYPES: Readonly<Record<string, JsonSchemaType>> = {
  null: JsonSchemaType.NULL,
  boolean: JsonSchemaType.BOOLEAN,
  object: JsonSchemaType.OBJECT,
  array: JsonSchemaType.ARRAY,
  number: JsonSchemaType.NUMBER,
  integer: JsonSchemaType.INTEGER,
  string: JsonSchemaType.STRING,
};

/** Annotations API Gateway does not need; dropping them never loosens validation. */
const DROPPED = new Set(['$schema', '$id', '$comment', 'examples', 'deprecated', 'readOnly', 'writeOnly', 'contentMediaType', 'contentEncoding']);
const COPIED = new Set([
  'title', 'description', 'default', 'enum', 'pattern', 'format', 'required', 'multipleOf',
  'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties',
]);
const SCHEMA_MAPS: Readonly<Record<string, 'properties' | 'patternProperties' | 'definitions'>> = {
  properties: 'properties',
  patternProperties: 'patternProperties',
  $defs: 'definitions',
  definitions: 'definitions',
};
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: Json | undefined, where: string): JsonObject {
  if (!isObject(value)) throw new SchemaConversionError(`${where}: expected a schema object`);
  return value;
}

function convertType(value: Json, where: string): JsonSchemaType | JsonSchemaType[] {
  const one = (name: Json): JsonSchemaType => {
    const mapped = typeof name === 'string' ? TYPES[name] : undefined;
    if (!mapped) throw new SchemaConversionError(`${where}/type: unknown type ${JSON.stringify(name)}`);
    return mapped;
  };
  return Array.isArray(value) ? value.map(one) : one(value);
}

function convertRef(ref: Json, where: string): string {
  if (typeof ref !== 'string' || !ref.startsWith('#/')) {
    throw new SchemaConversionError(`${where}/$ref: only local references can become an API Gateway model (got ${JSON.stringify(ref)})`);
  }
  return ref.replace(/^#\/\$defs\//, '#/definitions/');
}

/** Draft 2020-12 exclusive bounds are numbers; draft-04 has a boolean beside minimum/maximum. */
function convertBound(out: Record<string, unknown>, bound: 'minimum' | 'maximum', exclusive: Json, where: string): void {
  if (typeof exclusive !== 'number') throw new SchemaConversionError(`${where}: exclusive${bound} must be a number`);
  const inclusive = out[bound];
  if (typeof inclusive === 'number') {
    const exclusiveIsStricter = bound === 'minimum' ? exclusive >= inclusive : exclusive <= inclusive;
    if (!exclusiveIsStricter) return;
  }
  out[bound] = exclusive;
  out[bound === 'minimum' ? 'exclusiveMinimum' : 'exclusiveMaximum'] = true;
}

function convertNode(schema: JsonObject, where: string): JsonSchema {
  const out: Record<string, unknown> = {};
  const exclusive: Array<['minimum' | 'maximum', Json]> = [];
  for (const [key, value] of Object.entries(schema)) {
    const at = `${where}/${key}`;
    if (DROPPED.has(key)) continue;
    if (COPIED.has(key)) out[key] = value;
    else if (key === 'type') out.type = convertType(value, where);
    else if (key === 'const') out.enum = [value];
    else if (key === '$ref') out.ref = convertRef(value, where);
    else if (key === 'exclusiveMinimum') exclusive.push(['minimum', value]);
    else if (key === 'exclusiveMaximum') exclusive.push(['maximum', value]);
    else if (key === 'additionalProperties') out.additionalProperties = typeof value === 'boolean' ? value : convertNode(asObject(value, at), at);
    else if (key === 'items') out.items = Array.isArray(value) ? value.map((item, i) => convertNode(asObject(item, `${at}/${i}`), `${at}/${i}`)) : convertNode(asObject(value, at), at);
    else if (key === 'prefixItems' && Array.isArray(value)) out.items = value.map((item, i) => convertNode(asObject(item, `${at}/${i}`), `${at}/${i}`));
    else if (key === 'not') out.not = convertNode(asObject(value, at), at);
    else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) out[key] = value.map((item, i) => convertNode(asObject(item, `${at}/${i}`), `${at}/${i}`));
    else if (key in SCHEMA_MAPS) {
      const children = Object.entries(asObject(value, at)).map(([name, child]) => [name, convertNode(asObject(child, `${at}/${name}`), `${at}/${name}`)]);
      out[SCHEMA_MAPS[key] as string] = Object.fromEntries(children);
    } else {
      // An unknown validation keyword would be silently ignored by API Gateway: refuse instead.
      throw new SchemaConversionError(`${at}: keyword not supported by API Gateway models (JSON Schema draft-04)`);
    }
  }
  for (const [bound, value] of exclusive) convertBound(out, bound, value, where);
  return out as JsonSchema;
}

/** Converts a JSON Schema 2020-12 document into an API Gateway (draft-04) model schema. */
export function toApiGatewaySchema(schema: unknown): JsonSchema {
  const root = asObject(schema as Json, '#');
  return { ...convertNode(root, '#'), schema: JsonSchemaVersion.DRAFT4 };
}

/**
 * Draft-04 has no `propertyNames`: an object whose names are an enum (the declared channels of a
 * `notifications` object) becomes one property per name and no others, which validates the same.
 */
export function closeEnumeratedNames(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(closeEnumeratedNames);
  if (!isObject(schema)) return schema;
  const out: JsonObject = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, closeEnumeratedNames(value)]));
  const names = isObject(out.propertyNames) ? out.propertyNames.enum : undefined;
  if (!Array.isArray(names) || Object.keys(out.propertyNames as JsonObject).length !== 1) return out;
  const each = out.additionalProperties ?? {};
  const { propertyNames: _names, ...rest } = out;
  return { ...rest, properties: { ...(isObject(rest.properties) ? rest.properties : {}), ...Object.fromEntries(names.map((n) => [String(n), each])) }, additionalProperties: false };
}

/**
 * The API Gateway model of a request schema: `@bank/schemas`' own (which already carries the
 * declared channel names), or `<dir>/<name>.json` when a directory is given.
 */
export function loadApiModelSchema(name: string, dir?: string): JsonSchema {
  if (dir === undefined) {
    const schema = (apiRequestSchemas as Readonly<Record<string, unknown>>)[name];
    if (schema === undefined) throw new SchemaConversionError(`API request schema ${name} not found in @bank/schemas`);
    return toApiGatewaySchema(closeEnumeratedNames(schema as Json));
  }
  const file = path.join(dir, `${name}.json`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SchemaConversionError(`API request schema ${name} not found at ${file}`, { cause: error });
  }
  return toApiGatewaySchema(closeEnumeratedNames(JSON.parse(text) as Json));
}
