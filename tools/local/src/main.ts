import './env-defaults';
import { MotoUnavailableError } from '@bank/testing';
import { DEMO, startLocalStack } from './stack';

/** `npm start`: the whole system locally until Ctrl-C. */
async function main(): Promise<void> {
  const stack = await startLocalStack();
  const localhost = (url: string) => url.replace('127.0.0.1', 'localhost');
  const api = localhost(stack.apiUrl);
  const token = stack.demo?.customer.accessToken ?? '<run: npx bankctl login demo@example.com --password ...>';
  console.log(`
Local stack is up.
  API       ${api}
  Inbox     ${localhost(stack.sandboxUrl)}   (provider sandbox: every email, SMS, WhatsApp and push sent, and how each was delivered)
  SMTP      localhost:${stack.smtpPort}
  Emulator  ${stack.endpoint}   (moto: DynamoDB, Streams, SNS, SQS, EventBridge, Cognito)
  Outputs   stack-outputs.json   (user pool ${stack.userPoolId}, app client ${stack.clientId})

Signed in as the demo customer ${DEMO.customer.email} (password ${DEMO.customer.password}), who owns
account 123456789 with $4000, email and SMS on. The access token is valid for an hour:

  export TOKEN=${token}

Try the brief's examples:
  curl -s -X POST ${api}/deposit  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"accountId": "123456789", "amount": 1000}'
  curl -s -X POST ${api}/withdraw -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"accountId": "123456789", "amount": 500}'
then open the inbox. More:
  curl -s ${api}/me -H "Authorization: Bearer $TOKEN"
  export TOKEN=$(npx bankctl login ${DEMO.customer.email} --password ${DEMO.customer.password})   # a fresh token
  npx bankctl users create --email you@example.com --phone +15555550123   # another customer
  curl -s ${api}/accounts/123456789/notifications -H "Authorization: Bearer $TOKEN"   # what the bank told you, and whether it arrived
  curl -s -X POST ${localhost(stack.sandboxUrl)}/api/outcomes -H 'Content-Type: application/json' -d '{"to": "${DEMO.customer.email}", "status": "bounce"}'   # next email bounces: email turns off, SMS says so
  curl -s -X POST ${localhost(stack.sandboxUrl)}/api/push/subscriptions   # a device to register with POST /me/push-subscriptions (README: Push notifications)
Operator: ${DEMO.operator.email} (password ${DEMO.operator.password}), e.g. with BANKCTL_PASSWORD=${DEMO.operator.password}:
  npx bankctl risk holds --as ${DEMO.operator.email}      # withdrawals at or above the review amount wait here
  npx bankctl risk policy get --as ${DEMO.operator.email}
  npx bankctl dlq list --channel email

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
