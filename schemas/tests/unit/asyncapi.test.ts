import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { dataSchemaUri, EVENT_TYPES, eventSchemaVersion } from '../../src/index';

const PACKAGE_DIR = join(__dirname, '..', '..');

type Message = {
  name?: string;
  headers?: { properties?: { type?: { const?: unknown }; version?: { const?: unknown } } };
  payload?: { schemaFormat?: string; schema?: { $ref?: string } };
};
type Document = {
  asyncapi?: string;
  channels?: Record<string, { address?: string; messages?: Record<string, { $ref?: string }> }>;
  components?: { messages?: Record<string, Message> };
};

const document = load(readFileSync(join(PACKAGE_DIR, 'asyncapi.yaml'), 'utf8')) as Document;

describe('asyncapi.yaml', () => {
  it('is an AsyncAPI 3.0 document with the SNS topic channel', () => {
    expect(document.asyncapi).toBe('3.0.0');
    expect(document.channels?.['TransactionEventsTopic']?.address).toBe('TransactionEventsTopic');
  });

  it.each(EVENT_TYPES.map((type) => [type]))('describes %s on the topic with its attributes and schema file', (type) => {
    const message = document.components?.messages?.[type];
    const ref = message?.payload?.schema?.$ref ?? '';
    const schemaPath = join(PACKAGE_DIR, ref);

    expect(document.channels?.['TransactionEventsTopic']?.messages?.[type]?.$ref).toBe(`#/components/messages/${type}`);
    expect(message?.headers?.properties?.type?.const).toBe(type);
    expect(message?.headers?.properties?.version?.const).toBe(String(eventSchemaVersion(type)));
    expect(ref).toBe(`./events/${type}/v${eventSchemaVersion(type)}.json`);
    expect(existsSync(schemaPath)).toBe(true);
    expect((JSON.parse(readFileSync(schemaPath, 'utf8')) as { $id?: unknown }).$id).toBe(dataSchemaUri(type));
  });
});
