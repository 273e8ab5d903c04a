import { receiveCountOf } from '../../src/receive-count';

describe('receiveCountOf', () => {
  it('reads ApproximateReceiveCount', () => {
    expect(receiveCountOf({ attributes: { ApproximateReceiveCount: '3' } })).toBe(3);
  });

  it.each(['', '0', '-2', 'many'])('counts a missing or malformed count (%j) as the first receive', (value) => {
    expect(receiveCountOf({ attributes: { ApproximateReceiveCount: value } })).toBe(1);
  });
});
