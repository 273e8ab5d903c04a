import type { IncomingMessage } from 'node:http';
import { BodyTooLargeError, SandboxRequestError } from './errors';

/** Reads the whole body as UTF-8, refusing anything over `limitBytes` (announced or streamed). */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  return (await readBodyBytes(req, limitBytes)).toString('utf8');
}

/** Reads the whole body as bytes (an encrypted push payload), refusing anything over `limitBytes`. */
export async function readBodyBytes(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const announced = Number(req.headers['content-length']);
  if (Number.isFinite(announced) && announced > limitBytes) throw new BodyTooLargeError(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw new BodyTooLargeError(limitBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON body of the sandbox's own API; an empty body is `{}`. */
export function parseJsonBody(raw: string): unknown {
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw) as unknown;
  } catch (error) {
    throw new SandboxRequestError(400, 'body is not valid JSON', { cause: error });
  }
}
