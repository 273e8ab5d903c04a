import { randomUUID } from 'node:crypto';

/** Client config for tests: the emulator endpoint that global setup exported, dummy credentials. */
export function awsTestConfig(): { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } } {
  const endpoint = process.env.AWS_ENDPOINT_URL;
  if (!endpoint) throw new Error('AWS_ENDPOINT_URL is not set: run this test through jest with the moto global setup');
  return { endpoint, region: process.env.AWS_REGION ?? 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
}

/** A resource name unique to one test, so tests never share data. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
