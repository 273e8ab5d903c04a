/**
 * Runs the provider sandbox on its own: `npx tsx tools/sandbox/src/main.ts`.
 * Ports from SANDBOX_PORT (default 4010), SANDBOX_SMTP_PORT (default 2525) and SANDBOX_PUSH_PORT
 * (the HTTPS Web Push service; default 4011).
 */
import { DEFAULT_PORT, DEFAULT_SMTP_PORT, startSandbox } from './sandbox';

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`${name} must be a port number (0-65535), got "${raw}"`);
    process.exit(1);
  }
  return port;
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({
    port: portFromEnv('SANDBOX_PORT', DEFAULT_PORT),
    smtpPort: portFromEnv('SANDBOX_SMTP_PORT', DEFAULT_SMTP_PORT),
    pushPort: portFromEnv('SANDBOX_PUSH_PORT', 4011),
  });
  console.log(`Provider sandbox inbox: ${sandbox.url}/`);
  console.log(`  SendGrid: ${sandbox.url}/v3/mail/send   Twilio: ${sandbox.url}/2010-04-01/Accounts/{sid}/Messages.json`);
  console.log(`  SMTP:     127.0.0.1:${sandbox.smtpPort}   API: ${sandbox.url}/api/messages, /api/faults, /api/optouts`);
  console.log(`  Web Push: ${sandbox.pushUrl} (self-signed; trust ${sandbox.caFile})   subscriptions: POST ${sandbox.url}/api/push/subscriptions`);
  console.log(`  Generic:  ${sandbox.url}/generic/{channel}/messages`);
  const shutdown = () => {
    void sandbox.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
