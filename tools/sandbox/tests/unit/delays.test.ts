import { Delays } from '../../src/delays';

describe('Delays', () => {
  it('resolves true once the time has passed', async () => {
    await expect(new Delays().sleep(5)).resolves.toBe(true);
  });

  it('resolves false at once when cancelled', async () => {
    const delays = new Delays();
    const sleeping = delays.sleep(60_000);

    delays.cancelAll();

    await expect(sleeping).resolves.toBe(false);
  });
});
