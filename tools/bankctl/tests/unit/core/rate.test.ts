import { parsePositiveInt, parseRate, TokenBucket, type Clock } from '../../../src/core/rate';
import { UsageError } from '../../../src/errors';

class FakeClock implements Clock {
  time = 0;
  readonly sleeps: number[] = [];
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
  }
}

describe('parseRate', () => {
  it.each([
    ['10/s', 10],
    ['10', 10],
    ['0.5/s', 0.5],
  ])('reads %s as %d per second', (text, rate) => {
    expect(parseRate(text)).toBe(rate);
  });

  it.each(['0/s', 'fast', '10/m', '-1'])('rejects %p', (text) => {
    expect(() => parseRate(text)).toThrow(UsageError);
  });
});

describe('parsePositiveInt', () => {
  it('reads a positive integer', () => {
    expect(parsePositiveInt('25', '--max')).toBe(25);
  });

  it.each(['0', '-1', '1.5', 'ten'])('rejects %p', (text) => {
    expect(() => parsePositiveInt(text, '--max')).toThrow('--max must be a positive integer');
  });
});

describe('TokenBucket', () => {
  it('lets a burst of one second through, then paces to the rate', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(2, clock);

    for (let i = 0; i < 6; i++) await bucket.take();

    // 2 immediately, then 4 more at 2/s: 2 seconds of waiting.
    expect(clock.time).toBe(2_000);
  });

  it('never bursts more than one token below one message per second', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(0.5, clock);

    await bucket.take();
    await bucket.take();

    expect(clock.time).toBe(2_000);
  });
});
