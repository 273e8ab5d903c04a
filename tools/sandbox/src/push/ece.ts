import type { ECDH } from 'node:crypto';

/** The parameters of http_ece (RFC 8188 / RFC 8291) the sandbox uses. */
export interface EceParams {
  readonly version: 'aes128gcm';
  /** The receiver's key pair (Web Push: the user agent's). */
  readonly privateKey: ECDH;
  /** Web Push auth secret. */
  readonly authSecret: Buffer;
}

// http_ece ships no types; this is the one place that reads it, with the signature it has.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ece = require('http_ece') as { decrypt(buffer: Buffer, params: EceParams): Buffer };

/** Decrypts an `aes128gcm` Web Push payload; the sender's public key comes from the record header. */
export function decryptPushPayload(body: Buffer, params: EceParams): Buffer {
  return ece.decrypt(body, params);
}
