/**
 * Renders the compiled validators of every request body, event type and the envelope (Ajv
 * standalone code): the functions validate with them instead of compiling schemas at cold start.
 */
import { isDeepStrictEqual } from 'node:util';
import { renderValidatorModule } from '../src/codegen/standalone';
import { SchemaError } from '../src/errors';
import { CHANNELS } from '@bank/topology';
import { EVENT_TYPES, MONEY_EVENT_TYPES } from '../src/event-types';
import { apiRequestSchemas, eventEnvelopeSchema, eventSchemas, type JsonSchemaObject } from '../src/raw-schemas';

/** What distinguishes one event type's schema from the envelope every event carries. */
const TYPE_SPECIFIC = ['type', 'dataschema', 'data'] as const;

const propertiesOf = (schema: JsonSchemaObject): Record<string, unknown> => schema.properties as Record<string, unknown>;

/**
 * The part of an event schema beyond the envelope: its `type` and `dataschema` constants and its
 * `data`. Every event schema is the envelope plus this part (checked here, so the generator fails
 * rather than a validator drifting), and an event validates as envelope ∧ part: the envelope's
 * code is generated once instead of once per event type, which halves the bundles that validate
 * events.
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
  return {
    $schema: schema.$schema,
    type: 'object',
    required: [...TYPE_SPECIFIC],
    properties: Object.fromEntries(TYPE_SPECIFIC.map((key) => [key, own[key]])),
  };
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

/** The validator modules and their declarations; keys are generated file names. */
export function renderValidatorFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, { schemas, from }] of Object.entries(modules())) {
    const { js, dts } = renderValidatorModule(
      { draft: '2020-12', options: OPTIONS, formats: ['email', 'date-time'], schemas },
      `Compiled from ${from} by \`npm run generate -w @bank/schemas\`.`,
      '../validation-issues',
    );
    files.set(`${name}.js`, js);
    files.set(`${name}.d.ts`, dts);
  }
  return files;
}
