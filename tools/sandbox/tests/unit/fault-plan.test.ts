import { SandboxRequestError } from '../../src/errors';
import { FaultPlan, parseFaultSpec } from '../../src/fault-plan';
import { PROVIDERS } from '../../src/captured-message';

/** Every provider the sandbox stands in for, none refused. */
const noneRefused = Object.fromEntries(PROVIDERS.map((provider) => [provider, 0]));

describe('FaultPlan', () => {
  it('applies a counted fault exactly count times', () => {
    const plan = new FaultPlan();
    plan.arm({ provider: 'twilio', status: 500, count: 2 });

    const taken = [plan.take('twilio'), plan.take('twilio'), plan.take('twilio')];

    expect(taken.map((f) => f?.status)).toEqual([500, 500, undefined]);
    expect(plan.snapshot().faults).toEqual([]);
  });

  it('keeps an uncounted fault until cleared and leaves other providers alone', () => {
    const plan = new FaultPlan();
    plan.arm({ provider: 'smtp', delayMs: 100 });

    for (let i = 0; i < 5; i += 1) expect(plan.take('smtp')).toMatchObject({ status: null, delayMs: 100 });
    expect(plan.take('sendgrid')).toBeUndefined();
    plan.clear();
    expect(plan.take('smtp')).toBeUndefined();
  });

  it('replaces the fault of a provider when armed again', () => {
    const plan = new FaultPlan();
    plan.arm({ provider: 'twilio', status: 500, count: 5 });
    plan.arm({ provider: 'twilio', status: 429, count: 1 });

    expect(plan.snapshot().faults).toEqual([{ provider: 'twilio', status: 429, delayMs: 0, smtpCode: null, remaining: 1 }]);
  });

  it('counts refusals per provider and resets them on clear', () => {
    const plan = new FaultPlan();
    plan.recordRefused('sendgrid');
    plan.recordRefused('sendgrid');

    expect(plan.snapshot().refused).toEqual({ ...noneRefused, sendgrid: 2 });
    plan.clear();
    expect(plan.snapshot().refused).toEqual(noneRefused);
  });
});

describe('parseFaultSpec', () => {
  it('accepts status, delay, count and smtpCode', () => {
    expect(parseFaultSpec({ provider: 'smtp', status: 500, delayMs: 10, count: 1, smtpCode: 421 })).toEqual({
      provider: 'smtp',
      status: 500,
      delayMs: 10,
      count: 1,
      smtpCode: 421,
    });
  });

  it.each([null, [], { provider: 'twilio' }, { provider: 'twilio', status: 302 }, { provider: 'twilio', status: 500, count: 1.5 }, { provider: 'twilio', delayMs: -1 }])(
    'rejects %j',
    (input) => {
      expect(() => parseFaultSpec(input)).toThrow(SandboxRequestError);
    },
  );
});
