import {
  decideHold,
  HoldAlreadyDecidedError,
  HoldDecisionError,
  HoldExpiredError,
  HoldNotDueError,
  holdExpiresAt,
  isHoldDue,
  type HoldState,
} from '../../src/index';

const CREATED = new Date('2025-03-01T12:00:00.000Z');
const EXPIRES = holdExpiresAt(CREATED, { holdExpiryMinutes: 60 });
const pending = { holdId: 'h-1', accountId: 'acct-1', amount: 1_200_000, status: 'PENDING', createdAt: CREATED.toISOString(), expiresAt: EXPIRES } satisfies HoldState & Record<string, unknown>;
const at = (minutes: number) => new Date(CREATED.getTime() + minutes * 60_000);

describe('holdExpiresAt', () => {
  it('adds holdExpiryMinutes to the creation time', () => {
    expect(holdExpiresAt('2025-03-01T12:00:00.000Z', { holdExpiryMinutes: 4320 })).toBe('2025-03-04T12:00:00.000Z');
  });
});

describe('decideHold', () => {
  it('approves a pending hold and keeps its other fields', () => {
    expect(decideHold(pending, { kind: 'approve', at: at(5), by: 'op-1' })).toEqual({
      ...pending,
      status: 'APPROVED',
      decidedAt: at(5).toISOString(),
      decidedBy: 'op-1',
    });
  });

  it('declines a pending hold with the reason', () => {
    expect(decideHold(pending, { kind: 'decline', at: at(5), by: 'op-2', reason: 'customer did not confirm' })).toMatchObject({
      status: 'DECLINED',
      decidedBy: 'op-2',
      reason: 'customer did not confirm',
    });
  });

  it('expires a pending hold at its expiry time, decided by the system', () => {
    expect(decideHold(pending, { kind: 'expire', at: at(60) })).toMatchObject({ status: 'EXPIRED', decidedBy: 'system', reason: 'expired', decidedAt: EXPIRES });
  });

  it('does not change the hold it was given', () => {
    decideHold(pending, { kind: 'approve', at: at(5), by: 'op-1' });
    expect(pending.status).toBe('PENDING');
  });

  it.each(['APPROVED', 'DECLINED', 'EXPIRED'] as const)('refuses a second decision on an %s hold', (status) => {
    const decided = { ...pending, status };
    for (const decision of [
      { kind: 'approve', at: at(5), by: 'op-1' },
      { kind: 'decline', at: at(5), by: 'op-1' },
      { kind: 'expire', at: at(90) },
    ] as const) {
      expect(() => decideHold(decided, decision)).toThrow(HoldAlreadyDecidedError);
    }
  });

  it('refuses to approve or decline at or after the expiry time (the sweep declines it)', () => {
    expect(() => decideHold(pending, { kind: 'approve', at: at(60), by: 'op-1' })).toThrow(HoldExpiredError);
    expect(() => decideHold(pending, { kind: 'decline', at: at(61), by: 'op-1' })).toThrow(HoldExpiredError);
  });

  it('refuses to expire a hold before its expiry time', () => {
    expect(() => decideHold(pending, { kind: 'expire', at: at(59) })).toThrow(HoldNotDueError);
  });

  it('raises HoldDecisionError for every illegal decision (one 409 mapping)', () => {
    expect(() => decideHold({ ...pending, status: 'APPROVED' }, { kind: 'approve', at: at(5), by: 'op-1' })).toThrow(HoldDecisionError);
  });
});

describe('isHoldDue', () => {
  it('is due from the expiry time on, only while pending', () => {
    expect(isHoldDue(pending, at(59))).toBe(false);
    expect(isHoldDue(pending, at(60))).toBe(true);
    expect(isHoldDue({ ...pending, status: 'APPROVED' }, at(90))).toBe(false);
  });
});
