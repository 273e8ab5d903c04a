import { KeyedLock } from '../../../src/domain/keyed-lock';

describe('KeyedLock', () => {
  it('runs work for one key one at a time, in arrival order', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const task = (name: string, ms: number) =>
      lock.run(['k'], async () => {
        log.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`end ${name}`);
      });
    await Promise.all([task('a', 20), task('b', 1)]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('does not deadlock on opposite key orders', async () => {
    const lock = new KeyedLock();
    const results = await Promise.all([lock.run(['x', 'y'], async () => 1), lock.run(['y', 'x'], async () => 2)]);
    expect(results).toEqual([1, 2]);
  });

  it('releases the key when the work fails', async () => {
    const lock = new KeyedLock();
    await expect(lock.run(['k'], async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(lock.run(['k'], async () => 'ok')).resolves.toBe('ok');
  });
});
