import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';

/** A TLS key and self-signed certificate, with the certificate also in a file clients can trust. */
export interface TlsMaterial {
  readonly key: string;
  readonly cert: string;
  /** PEM file of `cert`: what a client adds to its trusted CAs (the push plugin's `caFile`). */
  readonly caFile: string;
  remove(): Promise<void>;
}

/**
 * Generates a P-256 certificate for `host` (and localhost) at start: nothing is checked in, and
 * each sandbox has its own. Valid for a day.
 */
export async function createSelfSignedCertificate(host: string): Promise<TlsMaterial> {
  const ip = /^[\d.]+$/.test(host) || host.includes(':');
  const pems = await generate([{ name: 'commonName', value: host }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, ...(ip ? [{ type: 7 as const, ip: host }] : [{ type: 2 as const, value: host }])],
      },
    ],
  });
  const dir = await mkdtemp(path.join(tmpdir(), 'bank-sandbox-tls-'));
  const caFile = path.join(dir, 'sandbox-ca.pem');
  await writeFile(caFile, pems.cert);
  return { key: pems.private, cert: pems.cert, caFile, remove: () => rm(dir, { recursive: true, force: true }) };
}
