import { startMoto, type MotoServer } from './moto';

declare global {
  var __MOTO__: MotoServer | undefined;
}

/** Jest global setup: one moto server per package test run; workers inherit the endpoint through env. */
export default async function globalSetup(): Promise<void> {
  process.env.AWS_REGION ??= 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID ??= 'testing';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'testing';
  if (process.env.AWS_ENDPOINT_URL && process.env.MOTO_EXTERNAL === '1') return;
  const moto = await startMoto();
  globalThis.__MOTO__ = moto;
  process.env.AWS_ENDPOINT_URL = moto.endpoint;
}
