import { buildTopology, CHANNELS } from '@bank/topology';
import { channelResources, eventResources } from '../../../src/core/resources';
import { UnknownChannelError } from '../../../src/errors';

describe('channelResources', () => {
  it('takes the queue, DLQ and deliveries table names from the topology', () => {
    expect(channelResources(buildTopology(), 'sms')).toEqual({
      channel: 'sms',
      queueName: 'notify-sms',
      dlqName: 'notify-sms-dlq',
      deliveriesTable: 'NotificationDeliveries',
    });
  });

  it('appends the resource suffix to every name', () => {
    expect(channelResources(buildTopology(), 'email', '-x1')).toMatchObject({ queueName: 'notify-email-x1', dlqName: 'notify-email-dlq-x1', deliveriesTable: 'NotificationDeliveries-x1' });
  });

  it('rejects an unknown channel, listing the known ones', () => {
    expect(() => channelResources(buildTopology(), 'fax')).toThrow(new UnknownChannelError('fax', CHANNELS.map((c) => c.name)));
  });
});

describe('eventResources', () => {
  it('names the bus and its archive', () => {
    expect(eventResources(buildTopology())).toEqual({ busName: 'bank-events', archiveName: 'bank-events-archive' });
  });
});
