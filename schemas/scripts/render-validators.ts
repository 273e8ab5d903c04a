/**
 * Renders the compiled validators of every request body, event type and the envelope (Ajv
 * standalone code): the functions validate with them instead of compiling schemas at cold start.
 */
import { isDeepStrictEqual } from 'node:util';
import { renderValidatorModule, withoutAnnotations } from '../src/codegen/standalone';
import { SchemaError } from '../src/errors';
import { CHANNELS } from '@bank/topology';
import { EVENT_TYPES, MONEY_EVENT_TYPES } from '../src/event-types';
import { apiRequestSchemas, eventEnvelopeSchema, eventSchemas, type JsonSchemaObject } from '../src/raw-schemas';

/** What distinguishes one event type's schema from the envelope every event carries. */
const TYPE_SPECIFIC = ['type', 'dataschema', 'data'] as const;

const propertiesOf = (schema: JsonSchemaObject): Record<string, unknown> => schema.properties as Record<string, unknown>;

/**
 * The part of an event schema beyond the envelope: its `dataschema` constant and its `data`. Every
 * event schema is the envelope plus this part and a `type` constant (checked here, so the generator
 * fails rather than a validator drifting), and an event validates as envelope ∧ part: the
 * envelope's code is generated once instead of once per event type, which halves the bundles that
 * validate events. The `type` constant is left out of the part: event-validators.ts picks the part
 * by the event's `type`, after the envelope check accepted it as a known type, so it always holds.
 */
function typeSpecificPart(name: string, schema: JsonSchemaObject): JsonSchemaObject {
  const envelope = eventEnvelopeSchema;
  const own = propertiesOf(schema);
  const shared = Object.keys({ ...own, ...propertiesOf(envelope) }).filter((key) => !(TYPE_SPECIFIC as readonly string[]).includes(key));
  const differing = [
    ...shared.filter((key) => !isDeepStrictEqual(own[key], propertiesOf(envelope)[key])),
    ...(['type', 'required', 'propertyNames', 'additionalProperties'] as const).filter((keyword) => !isDeepStrictEqual(schema[keyword], envelope[keyword])),
  ];
  if (differing.length > 0) {
    throw new SchemaError(`the ${name} schema differs from events/envelope/v1.json at ${differing.join(', ')}: events are validated as envelope + type, dataschema and data`);
  }
  if (!isDeepStrictEqual(withoutAnnotations(own.type), { type: 'string', const: name })) {
    throw new SchemaError(`the ${name} schema's type must be exactly the constant "${name}": its validator is picked by the event's type`);
  }
  const part = TYPE_SPECIFIC.filter((key) => key !== 'type');
  return { type: 'object', required: part, properties: Object.fromEntries(part.map((key) => [key, withoutPersonalDataGuard(name, own[key])])) };
}

/** The `propertyNames` every event's `data` may carry: no personal data (events/*.json). */
const PERSONAL_DATA_GUARD = (names: readonly string[]): JsonSchemaObject => ({ not: { enum: [...names] } });

/** The names events' `data` may not carry: the one list every event schema's `data.propertyNames` forbids. */
function personalDataNames(): string[] {
  const lists = Object.values(eventSchemas).map((schema) => dataOf(schema).propertyNames).filter((guard) => guard !== undefined);
  const first = lists[0] as { not?: { enum?: unknown } } | undefined;
  const names = first?.not?.enum;
  if (!Array.isArray(names) || lists.some((guard) => !isDeepStrictEqual(guard, PERSONAL_DATA_GUARD(names as string[])))) {
    throw new SchemaError('every event schema with data.propertyNames must forbid the same names ({"not":{"enum":[…]}}): the guard is checked at run time from one list');
  }
  return names as string[];
}

const dataOf = (schema: JsonSchemaObject): JsonSchemaObject => propertiesOf(schema).data as JsonSchemaObject;

/**
 * `data` without its personal-data guard (`propertyNames`), which event-validators.ts checks from
 * one generated list instead (personal-data-guard.ts): the same loop compiled into every type's
 * validator was a sixth of each.
 */
function withoutPersonalDataGuard(name: string, schema: unknown): unknown {
  const data = schema as JsonSchemaObject;
  if (data.type !== 'object' || data.propertyNames === undefined) return schema;
  if (!isDeepStrictEqual(data.propertyNames, PERSONAL_DATA_GUARD(personalDataNames()))) throw new SchemaError(`the ${name} schema's data.propertyNames is not the personal-data guard`);
  const { propertyNames: _guard, ...rest } = data;
  return rest;
}

/** The generated list the run-time guard reads: the names, and the types whose `data` they are forbidden in. */
function renderPersonalDataFile(): string {
  const guarded = Object.entries(eventSchemas).filter(([, schema]) => dataOf(schema).propertyNames !== undefined).map(([type]) => type);
  return [
    '// Read from events/*/v*.json (data.propertyNames) by `npm run generate -w @bank/schemas`. Do not edit.',
    '',
    '/** Property names no event\'s `data` may carry (personal data). */',
    `export const PERSONAL_DATA_NAMES: readonly string[] = ${JSON.stringify(personalDataNames())};`,
    '',
    '/** The event types whose schema forbids them. */',
    `export const PERSONAL_DATA_GUARDED_TYPES: readonly string[] = ${JSON.stringify(guarded)};`,
    '',
  ].join('\n');
}

/**
 * A request schema without the declared-channel constraint on `notifications` (`propertyNames`):
 * compiled code would freeze the channel list of the day, so request-validators.ts checks the
 * names against the declarations at run time instead (a channel declaration needs no regenerate).
 */
function withoutChannelNames(schema: JsonSchemaObject): JsonSchemaObject {
  const properties = schema.properties as Record<string, JsonSchemaObject> | undefined;
  const notifications = properties?.notifications;
  if (!properties || !notifications) return schema;
  const { propertyNames: _declared, ...rest } = notifications;
  return { ...schema, properties: { ...properties, notifications: rest } };
}

/** The event types some channel declaration subscribes to, in EVENT_TYPES order; an unknown one fails the generator. */
function notifiedEventTypes(): string[] {
  const subscribed = new Set(CHANNELS.flatMap((channel) => channel.eventTypes));
  const unknown = [...subscribed].filter((type) => !(EVENT_TYPES as readonly string[]).includes(type));
  if (unknown.length > 0) throw new SchemaError(`channels subscribe to event types without a schema: ${unknown.join(', ')}`);
  return EVENT_TYPES.filter((type) => subscribed.has(type));
}

/**
 * Separate modules, so a function bundles only the validators it uses (the API the request bodies;
 * the relay every event type, the notifiers the types their channels subscribe to, the risk
 * detection the money types): Ajv 2020 code assigns properties to its functions at module level,
 * which keeps every validator of a module in a bundle that uses one.
 */
function modules(): Record<string, { schemas: Record<string, JsonSchemaObject>; from: string }> {
  const parts = Object.fromEntries(Object.entries(eventSchemas).map(([name, schema]) => [name, typeSpecificPart(name, schema)]));
  return {
    'request-validators.generated': {
      schemas: Object.fromEntries(Object.entries(apiRequestSchemas).map(([name, schema]) => [name, withoutChannelNames(schema)])),
      from: 'api/*.json (the channel names of `notifications` are checked at run time)',
    },
    'event-validators.generated': {
      schemas: { EventEnvelope: eventEnvelopeSchema, ...parts },
      from: 'events/envelope/v1.json and, per type, what events/<Type>/v<N>.json adds to it (type, dataschema, data)',
    },
    // The consumers of money events only (the risk detection) bundle these, not every type's.
    'money-event-validators.generated': {
      schemas: { EventEnvelope: eventEnvelopeSchema, ...Object.fromEntries(MONEY_EVENT_TYPES.map((type) => [type, parts[type]])) },
      from: 'events/envelope/v1.json and what each money event type adds to it',
    },
    // The notifiers bundle these: the types some channel subscribes to (@bank/topology), not every type's.
    'notification-event-validators.generated': {
      schemas: { EventEnvelope: eventEnvelopeSchema, ...Object.fromEntries(notifiedEventTypes().map((type) => [type, parts[type]])) },
      from: 'events/envelope/v1.json and what each event type a channel subscribes to (@bank/topology) adds to it',
    },
  };
}

/**
 * Stops at the first error: inputs are untrusted, and collecting every error of a large body
 * costs time and makes an unbounded response.
 */
const OPTIONS = { allErrors: false, strict: true, messages: false } as const;

/**
 * The schema for Ajv's draft-07 code: the schemas use no keyword whose meaning changed after draft-07
 * (Ajv in strict mode refuses one it does not know, and the generated validators' tests compare
 * them with Ajv compiling the 2020-12 originals), and 2020-12 code tracks evaluated properties in
 * every function, for `unevaluatedProperties`, which no schema here uses.
 */
function asDraft07(schema: JsonSchemaObject): JsonSchemaObject {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

/** The validator modules and their declarations; keys are generated file names. */
export function renderValidatorFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, { schemas, from }] of Object.entries(modules())) {
    const { js, dts } = renderValidatorModule(
      { draft: '07', options: OPTIONS, formats: ['email', 'date-time'], schemas: Object.fromEntries(Object.entries(schemas).map(([key, schema]) => [key, asDraft07(schema)])) },
      `Compiled from ${from} by \`npm run generate -w @bank/schemas\`.`,
      '../validation-issues',
    );
    files.set(`${name}.js`, js);
    files.set(`${name}.d.ts`, dts);
  }
  files.set('personal-data-names.generated.ts', renderPersonalDataFile());
  return files;
}
