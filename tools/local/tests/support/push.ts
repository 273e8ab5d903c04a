import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../../src/stack';
import { callApi, type ApiResponse } from './customers';

/** A browser's `PushSubscription.toJSON()`, as the sandbox hands it out. */
export interface BrowserSubscription {
  readonly endpoint: string;
  readonly expirationTime: null;
  readonly keys: { readonly p256dh: string; readonly auth: string };
}

const documents = (stack: LocalStack) => DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.endpoint, region: stack.region }));

/** The application server key browsers subscribe with, as the API serves it. */
export async function vapidPublicKey(stack: LocalStack): Promise<string> {
  const res = await callApi(stack, 'GET', '/push/vapid-public-key');
  if (res.status !== 200 || typeof res.json.publicKey !== 'string') throw new Error(`no VAPID public key: HTTP ${res.status}`);
  return res.json.publicKey;
}

/** A browser subscribing at the sandbox's push service with our application server key. */
export async function subscribeBrowser(stack: LocalStack): Promise<BrowserSubscription> {
  const res = await fetch(`${stack.sandboxUrl}/api/push/subscriptions`, { method: 'POST', body: JSON.stringify({ applicationServerKey: await vapidPublicKey(stack) }) });
  if (res.status !== 201) throw new Error(`the sandbox refused a subscription: HTTP ${res.status}`);
  return (await res.json()) as BrowserSubscription;
}

/** The sandbox's id of a subscription (the last segment of its endpoint). */
export const sandboxIdOf = (subscription: BrowserSubscription): string => subscription.endpoint.split('/').pop() ?? '';

/** Registers the browser's subscription with the bank, as the customer: `POST /me/push-subscriptions`. */
export async function registerSubscription(stack: LocalStack, token: string, subscription: unknown): Promise<ApiResponse> {
  return callApi(stack, 'POST', '/me/push-subscriptions', subscription, {}, token);
}

/** The ids of the customer's registered subscriptions: `GET /me/push-subscriptions`. */
export async function registeredIds(stack: LocalStack, token: string): Promise<string[]> {
  const res = await callApi(stack, 'GET', '/me/push-subscriptions', undefined, {}, token);
  const items = Array.isArray(res.json.items) ? (res.json.items as { subscriptionId: string }[]) : [];
  return items.map((item) => item.subscriptionId).sort();
}

/** The delivery record of an event on a channel. */
export async function deliveryRecord(stack: LocalStack, eventId: string, channel: string): Promise<Record<string, unknown> | undefined> {
  return deliveriesItem(stack, `${eventId}#${channel}`);
}

/** Any item of the deliveries table by its key (a delivery record, a provider-message lookup item). */
export async function deliveriesItem(stack: LocalStack, id: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await documents(stack).send(new GetCommand({ TableName: stack.resources.deliveriesTable, Key: { DeliveryID: id }, ConsistentRead: true }));
  return Item;
}

/** Arms a fault at the sandbox's push service. */
export async function pushFault(stack: LocalStack, status: number, count: number): Promise<void> {
  const res = await fetch(`${stack.sandboxUrl}/api/faults`, { method: 'POST', body: JSON.stringify({ provider: 'webpush', status, count }) });
  if (res.status !== 201) throw new Error(`the sandbox refused the fault: HTTP ${res.status}`);
}
