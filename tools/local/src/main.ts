import './env-defaults';
import { MotoUnavailableError } from '@bank/testing';
import { startLocalStack } from './stack';

/** `npm start`: the whole system locally until Ctrl-C. */
async function main(): Promise<void> {
  const stack = await startLocalStack();
  const api = stack.apiUrl.replace('127.0.0.1', 'localhost');
  console.log(`
Local stack is up.
  API       ${api}
  Inbox     ${stack.sandboxUrl.replace('127.0.0.1', 'localhost')}   (provider sandbox: every email, SMS and WhatsApp sent)
  SMTP      localhost:${stack.smtpPort}
  Emulator  ${stack.endpoint}   (moto: DynamoDB, Streams, SNS, SQS, EventBridge)

Demo account 123456789 holds $4000 (email and SMS on). Try the brief's examples:
  curl -s -X POST ${api}/deposit  -H 'Content-Type: application/json' -d '{"accountId": "123456789", "amount": 1000}'
  curl -s -X POST ${api}/withdraw -H 'Content-Type: application/json' -d '{"accountId": "123456789", "amount": 500}'
then open the inbox. Operators: npx bankctl dlq list --channel email

Ctrl-C stops everything.`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping...');
    void stack.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  if (err instanceof MotoUnavailableError) {
    console.error(err.message);
  } else if (err instanceof Error && 'code' in err && err.code === 'EADDRINUSE') {
    console.error(`A port is already in use (${err.message}). Set PORT / SANDBOX_PORT / SANDBOX_SMTP_PORT to free ones.`);
  } else {
    console.error('The local stack could not start:', err instanceof Error ? err.message : err);
  }
  process.exit(1);
});
