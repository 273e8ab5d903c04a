import { buildTopology, CHANNELS, customerPartition, defineChannel, filterPolicyFor, findChannel, MONEY_EVENT_TYPES, notifiersOf, registryEntrySortKey, registrySortKeyPrefix, ruleOf, tableKeySchema } from '../../src/index';

describe('buildTopology', () => {
  it('declares one queue and one DLQ per channel with distinct names', () => {
    const topology = buildTopology();
    const names = topology.channels.flatMap((c) => [c.queueName, c.dlqName]);
    expect(new Set(names).size).toBe(names.length);
    expect(topology.channels.map((c) => c.name)).toEqual(CHANNELS.map((c) => c.name));
  });

  it('defaults maxReceiveCount to 5 and lets the environment override it', () => {
    expect(buildTopology().channels.every((c) => c.retry.maxReceiveCount === 5)).toBe(true);
    expect(buildTopology({ maxReceiveCount: 2 }).channels.every((c) => c.retry.maxReceiveCount === 2)).toBe(true);
  });

  it('routes every channel to a declared notifier', () => {
    const topology = buildTopology();
    const notifiers = new Set(topology.notifiers.map((n) => n.name));
    expect(topology.channels.every((c) => notifiers.has(c.notifier))).toBe(true);
  });

  it('has one notifier per name the channel declarations use, each a service under services/', () => {
    const topology = buildTopology();
    expect(topology.notifiers.map((n) => n.name)).toEqual([...new Set(CHANNELS.map((c) => c.notifier))]);
    for (const notifier of topology.notifiers) expect(notifier.entry).toBe(`${notifier.dir}/src/handler.ts`);
  });

  it('gives a channel that names a new notifier that notifier, with no other entry', () => {
    const pager = defineChannel({ name: 'pager', notifier: 'notify-pager', address: { kind: 'registry', registry: 'pagers' }, templates: { MoneyDeposited: { body: '{amount}' } } });
    expect(notifiersOf([...CHANNELS, pager]).at(-1)).toEqual({ name: 'notify-pager', dir: 'services/notify-pager', entry: 'services/notify-pager/src/handler.ts', timeoutSeconds: 30 });
  });

  it('routes every money event, and only those, to the queue the risk service reads', () => {
    const topology = buildTopology();
    const rule = ruleOf(topology, topology.riskDetector);
    expect(rule).toMatchObject({ queueName: 'risk-events', dlqName: 'risk-events-dlq' });
    expect(rule?.pattern).toEqual({ source: [topology.bus.source], 'detail-type': [...MONEY_EVENT_TYPES] });
    expect(topology.riskDetector.entry).toBe('services/risk-detector/src/handler.ts');
  });

  it('gives every rule a queue someone reads', () => {
    const topology = buildTopology();
    expect(topology.rules.map((r) => r.name)).toEqual([topology.riskDetector.rule]);
  });

  it('finds no rule for a consumer that names an unknown one', () => {
    expect(ruleOf(buildTopology(), { rule: 'nobody' })).toBeUndefined();
  });

  it('runs the hold-expiry sweep of the account service every minute', () => {
    expect(buildTopology().holdExpiry).toMatchObject({ entry: 'services/account/src/handlers/hold-expiry.ts', everyMinutes: 1 });
  });
});

describe('filterPolicyFor', () => {
  it('filters on the channel event types and on the customer having the channel on', () => {
    const email = findChannel(buildTopology(), 'email');
    expect(email && filterPolicyFor(email)).toEqual({
      type: ['MoneyDeposited', 'MoneyWithdrawn', 'TransferSent', 'TransferReceived', 'DebitHeld', 'HoldApproved', 'HoldDeclined', 'NotificationChannelDisabled'],
      'notify-email': ['true'],
    });
  });

  it('subscribes a channel to exactly the events its declaration has a template for', () => {
    for (const channel of buildTopology().channels) {
      expect([...channel.eventTypes].sort()).toEqual(Object.entries(channel.templates).flatMap(([type, t]) => (t ? [type] : [])).sort());
    }
  });
});

describe('tableKeySchema', () => {
  it('describes the accounts table with both keys and a NEW_IMAGE stream', () => {
    const schema = tableKeySchema(buildTopology().accountsTable);
    expect(schema.KeySchema).toEqual([
      { AttributeName: 'AccountID', KeyType: 'HASH' },
      { AttributeName: 'TransactionID', KeyType: 'RANGE' },
    ]);
    expect(schema.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
  });

  it('omits the stream and sort key where the table has none', () => {
    const schema = tableKeySchema(buildTopology().deliveriesTable);
    expect(schema.KeySchema).toHaveLength(1);
    expect(schema.StreamSpecification).toBeUndefined();
  });

  it('declares the deliveries-by-account index with its key attributes', () => {
    const schema = tableKeySchema(buildTopology().deliveriesTable);
    expect(schema.GlobalSecondaryIndexes).toEqual([
      { IndexName: 'ByAccount', KeySchema: [{ AttributeName: 'accountId', KeyType: 'HASH' }, { AttributeName: 'createdAt', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
    ]);
    expect(schema.AttributeDefinitions.map((a) => a.AttributeName)).toEqual(['DeliveryID', 'accountId', 'createdAt']);
  });
});

describe('account item keys', () => {
  it('put a customer\'s registry entries under one prefix per registry', () => {
    expect(customerPartition('sub-1')).toBe('CUSTOMER#sub-1');
    expect(registryEntrySortKey('push-subscriptions', 'e1')).toBe('REGISTRY#push-subscriptions#e1');
    expect(registryEntrySortKey('push-subscriptions', 'e1').startsWith(registrySortKeyPrefix('push-subscriptions'))).toBe(true);
    expect(registryEntrySortKey('push', 'e1').startsWith(registrySortKeyPrefix('push-subscriptions'))).toBe(false);
  });
});

describe('channel declarations', () => {
  it('subscribe each channel to exactly the event types it has a template for', () => {
    for (const channel of CHANNELS) {
      expect([...channel.eventTypes].sort()).toEqual(Object.entries(channel.templates).filter(([, t]) => t !== null).map(([type]) => type).sort());
    }
  });
});
