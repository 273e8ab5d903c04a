import { parseCliOptions } from '../../src/cli-options';

describe('parseCliOptions', () => {
  it('runs everything in full mode by default', () => {
    expect(parseCliOptions([], {})).toEqual({ quick: false, attach: false, only: [], help: false });
  });

  it('turns quick mode on with --quick or BENCH_QUICK=1', () => {
    expect(parseCliOptions(['--quick'], {}).quick).toBe(true);
    expect(parseCliOptions([], { BENCH_QUICK: '1' }).quick).toBe(true);
  });

  it('reads --attach and a comma-separated --only list', () => {
    expect(parseCliOptions(['--attach', '--only=cold-start,dynamo-calls'], {})).toMatchObject({ attach: true, only: ['cold-start', 'dynamo-calls'] });
  });

  it('rejects an unknown argument', () => {
    expect(() => parseCliOptions(['--fast'], {})).toThrow(/unknown argument --fast/);
  });
});
