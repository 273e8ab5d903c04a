import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { BodyTooLargeError, SandboxRequestError } from '../../src/errors';
import { parseJsonBody, readBody } from '../../src/read-body';

const request = (chunks: string[], headers: Record<string, string> = {}): IncomingMessage =>
  Object.assign(Readable.from(chunks.map((c) => Buffer.from(c))), { headers }) as unknown as IncomingMessage;

describe('readBody', () => {
  it('joins the chunks', async () => {
    await expect(readBody(request(['ab', 'c']), 10)).resolves.toBe('abc');
  });

  it('refuses a streamed body over the limit', async () => {
    await expect(readBody(request(['abcdef', 'ghijk']), 10)).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it('refuses an announced length over the limit before reading', async () => {
    await expect(readBody(request([], { 'content-length': '11' }), 10)).rejects.toMatchObject({ status: 413 });
  });
});

describe('parseJsonBody', () => {
  it('treats an empty body as an empty object and rejects malformed JSON with 400', () => {
    expect(parseJsonBody('  ')).toEqual({});
    expect(() => parseJsonBody('{')).toThrow(SandboxRequestError);
  });
});
