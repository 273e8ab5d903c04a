import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import { promisify } from 'node:util';
import webpush from 'web-push';
import { startSandbox, type Sandbox } from '../../src/index';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** CHROMIUM_PATH, or the first Chromium/Chrome on PATH. */
function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const dirs = (process.env.PATH ?? '').split(path.delimiter);
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    const found = dirs.map((dir) => path.join(dir, name)).find((file) => existsSync(file));
    if (found) return found;
  }
  return undefined;
}

const chromium = findChromium();
// No browser on this machine: say so in the test name instead of passing silently.
const itInBrowser = chromium ? it : it.skip;

let sandbox: Sandbox;
const vapid = webpush.generateVAPIDKeys();

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, smtpPort: 0 });
});
afterAll(() => sandbox.stop());

itInBrowser(`shows a device its push notifications as a browser would, in headless Chromium${chromium ? '' : ' (skipped: no Chromium; set CHROMIUM_PATH)'}`, async () => {
  const res = await fetch(`${sandbox.url}/api/push/subscriptions`, { method: 'POST', body: JSON.stringify({ applicationServerKey: vapid.publicKey }) });
  const subscription = (await res.json()) as webpush.PushSubscription;
  const other = (await (await fetch(`${sandbox.url}/api/push/subscriptions`, { method: 'POST' })).json()) as webpush.PushSubscription;
  const agent = new Agent({ ca: [...rootCertificates, readFileSync(sandbox.caFile, 'utf8')] });
  const options = { vapidDetails: { subject: 'mailto:ops@bank.example', ...vapid }, TTL: 60, agent };
  await webpush.sendNotification(subscription, JSON.stringify({ title: 'Deposit received', body: 'Alert: $1000 deposited to your account. Available balance: $5000.' }), options);
  await webpush.sendNotification(subscription, JSON.stringify({ title: 'Withdrawal', body: 'Alert: <b>$500</b> withdrawn.' }), options);
  await webpush.sendNotification(other, JSON.stringify({ title: 'Not mine', body: 'Another device' }), options);
  agent.destroy();

  const id = subscription.endpoint.split('/').pop() ?? '';
  const { stdout } = await promisify(execFile)(
    chromium ?? 'chromium',
    [...CHROMIUM_FLAGS, '--virtual-time-budget=5000', '--dump-dom', `${sandbox.url}/devices/${id}`],
    { timeout: 60_000 },
  );

  const cards = [...stdout.matchAll(/<article class="notification">.*?<div class="title">(.*?)<\/div><div class="body">(.*?)<\/div><\/article>/gs)].map((m) => [m[1], m[2]]);
  expect(cards).toEqual([
    ['Withdrawal', 'Alert: &lt;b&gt;$500&lt;/b&gt; withdrawn.'],
    ['Deposit received', 'Alert: $1000 deposited to your account. Available balance: $5000.'],
  ]);
  expect(stdout).toContain('<title>2 notification(s)</title>');
}, 90_000);
