import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { customerPartition, registryEntrySortKey, registrySortKeyPrefix } from '@bank/topology';
import type { LocalStack } from '../../src/stack';

/** A browser's `PushSubscription.toJSON()`, as the sandbox hands it out. */
export interface BrowserSubscription {
  readonly endpoint: string;
  readonly expirationTime: null;
  readonly keys: { readonly p256dh: string; readonly auth: string };
}

const REGISTRY = 'push-subscriptions';

const documents = (stack: LocalStack) => DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.endpoint, region: stack.region }));

/** The application server key the notifier signs with locally (the push plugin's local setting). */
export function vapidPublicKey(): string {
  const key = process.env.WEBPUSH_VAPID_PUBLIC_KEY;
  if (!key) throw new Error('WEBPUSH_VAPID_PUBLIC_KEY is not set: the local stack sets it from the push plugin');
  return key;
}

/** A browser subscribing at the sandbox's push service, for our application server key. */
export async function subscribeBrowser(stack: LocalStack): Promise<BrowserSubscription> {
  const res = await fetch(`${stack.sandboxUrl}/api/push/subscriptions`, { method: 'POST', body: JSON.stringify({ applicationServerKey: vapidPublicKey() }) });
  if (res.status !== 201) throw new Error(`the sandbox refused a subscription: HTTP ${res.status}`);
  return (await res.json()) as BrowserSubscription;
}

/** The sandbox's id of a subscription (the last segment of its endpoint). */
export const sandboxIdOf = (subscription: BrowserSubscription): string => subscription.endpoint.split('/').pop() ?? '';

/**
 * Registers a subscription for the customer as the account service stores it (a registry entry,
 * docs/internal-contracts.md). Stands in for `POST /me/push-subscriptions` until that route exists.
 */
export async function registerSubscription(stack: LocalStack, customerId: string, subscription: BrowserSubscription): Promise<string> {
  const entryId = randomUUID();
  await documents(stack).send(
    new PutCommand({
      TableName: stack.resources.accountsTable,
      Item: {
        AccountID: customerPartition(customerId),
        TransactionID: registryEntrySortKey(REGISTRY, entryId),
        recordType: 'REGISTRY_ENTRY',
        registry: REGISTRY,
        entryId,
        address: subscription.endpoint,
        attributes: { p256dh: subscription.keys.p256dh, auth: subscription.keys.auth },
        createdAt: new Date().toISOString(),
      },
    }),
  );
  return entryId;
}

/** The endpoints the customer has registered, as stored. */
export async function registeredEndpoints(stack: LocalStack, customerId: string): Promise<string[]> {
  const { Items = [] } = await documents(stack).send(
    new QueryCommand({
      TableName: stack.resources.accountsTable,
      KeyConditionExpression: 'AccountID = :pk AND begins_with(TransactionID, :prefix)',
      ExpressionAttributeValues: { ':pk': customerPartition(customerId), ':prefix': registrySortKeyPrefix(REGISTRY) },
      ConsistentRead: true,
    }),
  );
  return Items.map((item) => String(item.address)).sort();
}

/** The delivery record of an event on a channel. */
export async function deliveryRecord(stack: LocalStack, eventId: string, channel: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await documents(stack).send(
    new GetCommand({ TableName: stack.resources.deliveriesTable, Key: { DeliveryID: `${eventId}#${channel}` }, ConsistentRead: true }),
  );
  return Item;
}

/** Arms a fault at the sandbox's push service. */
export async function pushFault(stack: LocalStack, status: number, count: number): Promise<void> {
  const res = await fetch(`${stack.sandboxUrl}/api/faults`, { method: 'POST', body: JSON.stringify({ provider: 'webpush', status, count }) });
  if (res.status !== 201) throw new Error(`the sandbox refused the fault: HTTP ${res.status}`);
}
