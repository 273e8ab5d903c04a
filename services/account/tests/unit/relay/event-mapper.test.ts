import { DEFAULT_RISK_POLICY, RISK_POLICY_VERSION_RECORD_TYPE } from '@bank/risk-policy';
import { validateEvent } from '@bank/schemas';
import { channelDisabledToItem, holdDecisionItem, holdToItem, statusChangeToItem } from '../../../src/adapters/dynamo-items';
import type { Hold } from '../../../src/domain/model';
import { optInChannels, toEvent } from '../../../src/relay/event-mapper';

const hold: Hold = {
  holdId: '01JHOLD0000000000000000001',
  accountId: '123456789',
  debitType: 'WITHDRAWAL',
  amount: 1_200_000,
  currency: 'USD',
  status: 'PENDING',
  createdAt: '2026-11-24T10:00:00.000Z',
  expiresAt: '2026-11-27T10:00:00.000Z',
  availableAfter: 300_000,
  correlationId: 'corr-1',
  notify: ['email', 'sms'],
};

/** The event the relay makes of an inserted item, checked against its schema. */
function published(item: Record<string, unknown>) {
  const result = validateEvent(toEvent({ eventName: 'INSERT', newImage: item }));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describe('the outbox turns risk items into their events', () => {
  it('a new hold → DebitHeld, to the channels the owner had on', () => {
    const event = published(holdToItem(hold));
    expect(event).toMatchObject({ id: `hold-${hold.holdId}-held`, type: 'DebitHeld', subject: '123456789', correlationid: 'corr-1' });
    expect(event.data).toEqual({ accountId: '123456789', holdId: hold.holdId, debitType: 'WITHDRAWAL', amount: 1_200_000, currency: 'USD', availableBalance: 300_000, expiresAt: hold.expiresAt });
    expect(optInChannels({ eventName: 'INSERT', newImage: holdToItem(hold) })).toEqual(['email', 'sms']);
  });

  it('an approval → HoldApproved naming the posted debit; a decline or an expiry → HoldDeclined with its outcome', () => {
    const decided = { decidedAt: '2026-11-24T11:00:00.000Z', decidedBy: 'ops' };
    expect(published(holdDecisionItem({ ...hold, ...decided, status: 'APPROVED', transactionId: '01JTX00000000000000000000A' }))).toMatchObject({
      type: 'HoldApproved',
      id: `hold-${hold.holdId}-decided`,
      data: { transactionId: '01JTX00000000000000000000A' },
    });
    expect(published(holdDecisionItem({ ...hold, ...decided, status: 'EXPIRED', availableAfter: 1_500_000 }))).toMatchObject({
      type: 'HoldDeclined',
      data: { outcome: 'EXPIRED', availableBalance: 1_500_000 },
    });
  });

  it.each([
    ['FROZEN', 'AccountFrozen', { reason: 'case 1' }],
    ['OPEN', 'AccountUnfrozen', {}],
    ['CLOSED', 'AccountClosed', {}],
  ] as const)('a change to %s → %s, to no channel', (status, type, extra) => {
    const item = statusChangeToItem({ changeId: '01JCHG0000000000000000000A', accountId: '123456789', status, previous: 'OPEN', by: 'operator', at: '2026-11-24T10:00:00.000Z', correlationId: '', ...extra });
    expect(published(item)).toMatchObject({ type, data: { accountId: '123456789', by: 'operator', ...extra } });
    expect(optInChannels({ eventName: 'INSERT', newImage: item })).toEqual([]);
  });

  it('a policy version → RiskPolicyChanged', () => {
    const item = { AccountID: 'RISK#POLICY', TransactionID: 'VERSION#0000000002', recordType: RISK_POLICY_VERSION_RECORD_TYPE, policy: DEFAULT_RISK_POLICY, version: 2, updatedAt: '2026-11-24T10:00:00.000Z', updatedBy: 'ops' };
    expect(published(item)).toMatchObject({ id: 'risk-policy-v2', type: 'RiskPolicyChanged', subject: 'risk-policy', data: { version: 2, mode: 'enforce' } });
  });

  it('a channel turned off → NotificationChannelDisabled, to the channels still on', () => {
    const item = channelDisabledToItem({
      changeId: '01JCHG0000000000000000000B',
      accountId: '123456789',
      channel: 'email',
      code: 'hard-bounce',
      provider: 'sendgrid',
      deliveryId: 'evt#email',
      at: '2026-11-24T10:00:00.000Z',
      notify: ['sms'],
    });
    expect(published(item)).toMatchObject({ type: 'NotificationChannelDisabled', data: { accountId: '123456789', channel: 'email', reason: 'hard-bounce', provider: 'sendgrid' } });
    expect(JSON.stringify(published(item))).not.toContain('evt#email');
    expect(optInChannels({ eventName: 'INSERT', newImage: item })).toEqual(['sms']);
  });

  it('ignores the index items and updates', () => {
    expect(toEvent({ eventName: 'INSERT', newImage: { recordType: 'HOLD_INDEX', holdId: 'x' } })).toBeUndefined();
    expect(toEvent({ eventName: 'MODIFY', newImage: holdToItem(hold) })).toBeUndefined();
  });
});
