import { AddressGoneError, type OutboundMessage, PermanentError, PluginConfigError, type PluginError, RetryableError, sendWithFallback } from '../../src/index';

const message: OutboundMessage = { channel: 'sms', to: '+15551234567', body: 'hi', idempotencyKey: 'e:sms', eventType: 'MoneyDeposited' };

function provider(id: string, outcome: string | Error) {
  const send = jest.fn(async () => {
    if (outcome instanceof Error) throw outcome;
    return { providerMessageId: outcome };
  });
  return { id, instance: { send }, send };
}

async function failureOf(promise: Promise<unknown>): Promise<PluginError> {
  try {
    await promise;
  } catch (error) {
    return error as PluginError;
  }
  throw new Error('expected a failure');
}

describe('sendWithFallback', () => {
  it('sends through the first provider when it succeeds', async () => {
    const first = provider('twilio', 'SM1');
    const second = provider('backup', 'B1');

    const result = await sendWithFallback([first, second], message);

    expect(result).toEqual({ provider: 'twilio', providerMessageId: 'SM1', attempts: [{ provider: 'twilio' }] });
    expect(second.send).not.toHaveBeenCalled();
  });

  it('falls back to the next provider on a retryable failure', async () => {
    const failure = new RetryableError('429', { status: 429 });

    const result = await sendWithFallback([provider('twilio', failure), provider('backup', 'B1')], message);

    expect(result.provider).toBe('backup');
    expect(result.attempts).toEqual([{ provider: 'twilio', error: failure }, { provider: 'backup' }]);
  });

  it('stops at a permanent failure and rethrows it with the provider and attempts', async () => {
    const failure = new PermanentError('invalid number', { providerCode: 21211 });
    const backup = provider('backup', 'B1');

    const error = await failureOf(sendWithFallback([provider('twilio', failure), backup], message));

    expect(error).toBe(failure);
    expect(error.provider).toBe('twilio');
    expect(error.attempts).toEqual([{ provider: 'twilio', error: failure }]);
    expect(backup.send).not.toHaveBeenCalled();
  });

  it('throws the last retryable failure when every provider failed', async () => {
    const first = new RetryableError('timeout');
    const last = new RetryableError('503', { status: 503 });

    const error = await failureOf(sendWithFallback([provider('a', first), provider('b', last)], message));

    expect(error).toBe(last);
    expect(error.provider).toBe('b');
    expect(error.attempts?.map((attempt) => attempt.provider)).toEqual(['a', 'b']);
  });

  it('counts an unclassified error as retryable, keeping it as the cause', async () => {
    const bug = new TypeError('cannot read properties of undefined');

    const error = await failureOf(sendWithFallback([provider('a', bug)], message));

    expect(error).toBeInstanceOf(RetryableError);
    expect(error.cause).toBe(bug);
    expect(error.provider).toBe('a');
  });

  it('refuses an empty provider list', async () => {
    await expect(sendWithFallback([], message)).rejects.toThrow(PluginConfigError);
  });

  it('stops at an address the provider says is gone: another provider cannot reach it either', async () => {
    const first = provider('webpush', new AddressGoneError('subscription expired', { status: 410 }));
    const second = provider('backup', 'B1');

    const error = await failureOf(sendWithFallback([first, second], message));

    expect(error).toBeInstanceOf(AddressGoneError);
    expect(error).toBeInstanceOf(PermanentError);
    expect(second.send).not.toHaveBeenCalled();
  });
});
