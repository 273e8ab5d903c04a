/**
 * Published event schemas may only change compatibly: each `events/<Type>/v<N>.json` is compared
 * with its version at git HEAD. A breaking change must go into a new `v<N+1>.json` instead.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkBackwardCompatible } from '../../src/compatibility';
import { eventEnvelopeSchema, EVENT_TYPES } from '../../src/index';

const PACKAGE_DIR = join(__dirname, '..', '..');
const EVENTS_DIR = join(PACKAGE_DIR, 'events');
const VERSION_FILE = /^v(\d+)\.json$/;

const versionFiles = readdirSync(EVENTS_DIR).flatMap((folder) =>
  readdirSync(join(EVENTS_DIR, folder))
    .filter((file) => VERSION_FILE.test(file))
    .map((file) => `events/${folder}/${file}`),
);

const readSchema = (relativePath: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(PACKAGE_DIR, relativePath), 'utf8')) as Record<string, unknown>;

/** The file as committed at HEAD, or undefined when there is no git, no repository or the file is new. */
function committedVersion(relativePath: string): unknown {
  try {
    const text = execFileSync('git', ['show', `HEAD:./${relativePath}`], { cwd: PACKAGE_DIR, stdio: ['ignore', 'pipe', 'ignore'] });
    return JSON.parse(text.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

describe('event schema history', () => {
  it.each(versionFiles.map((file) => [file]))('%s stays backward compatible with its committed version', (file) => {
    const previous = committedVersion(file);
    if (previous === undefined) return; // new or not under git: nothing published to break
    expect(checkBackwardCompatible(previous, readSchema(file))).toEqual([]);
  });

  it('has a schema folder with a v1 for every event type', () => {
    for (const type of EVENT_TYPES) expect(versionFiles).toContain(`events/${type}/v1.json`);
  });

  it.each(versionFiles.map((file) => [file]))('%s declares the $id and dataschema of its path', (file) => {
    const [, folder, version] = /^events\/([^/]+)\/v(\d+)\.json$/.exec(file) ?? [];
    const schema = readSchema(file);
    expect(schema['$id']).toBe(`urn:bank:events:${String(folder)}:v${String(version)}`);
    if (folder !== 'envelope') {
      const properties = schema['properties'] as Record<string, { const?: unknown }>;
      expect(properties['dataschema']?.const).toBe(schema['$id']);
    }
  });

  it.each(EVENT_TYPES.map((type) => [type]))('%s inlines the envelope unchanged except type, dataschema and data', (type) => {
    const envelope = eventEnvelopeSchema['properties'] as Record<string, unknown>;
    const event = readSchema(`events/${type}/v1.json`);
    const properties = event['properties'] as Record<string, unknown>;
    const { type: _t, dataschema: _d, data: _data, ...shared } = envelope;
    for (const [name, schema] of Object.entries(shared)) expect(properties[name]).toEqual(schema);
    expect(Object.keys(properties).sort()).toEqual(Object.keys(envelope).sort());
    expect(event['required']).toEqual(eventEnvelopeSchema['required']);
    expect(event['propertyNames']).toEqual(eventEnvelopeSchema['propertyNames']);
  });
});
