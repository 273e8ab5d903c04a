/**
 * Renders the compiled validators of every request body, event type and the envelope (Ajv
 * standalone code): the functions validate with them instead of compiling schemas at cold start.
 */
import { renderValidatorModule } from '../src/codegen/standalone';
import { apiRequestSchemas, eventEnvelopeSchema, eventSchemas } from '../src/raw-schemas';

/**
 * Two modules, so a function bundles only the validators it uses (the API the request bodies; the
 * relay, the notifiers and the risk detection the events): Ajv 2020 code assigns properties to its
 * functions at module level, which keeps every validator of a module in a bundle that uses one.
 */
const MODULES = {
  'request-validators.generated': { schemas: apiRequestSchemas, from: 'api/*.json and the channels of @bank/topology' },
  'event-validators.generated': { schemas: { ...eventSchemas, EventEnvelope: eventEnvelopeSchema }, from: 'events/*/v<N>.json' },
} as const;

/**
 * Stops at the first error: inputs are untrusted, and collecting every error of a large body
 * costs time and makes an unbounded response.
 */
const OPTIONS = { allErrors: false, strict: true } as const;

/** The validator modules and their declarations; keys are generated file names. */
export function renderValidatorFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, { schemas, from }] of Object.entries(MODULES)) {
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
