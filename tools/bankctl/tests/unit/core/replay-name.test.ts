import { isValidReplayName, replayName } from '../../../src/core/replay-name';

describe('replayName', () => {
  it('is a valid EventBridge name that starts with the time', () => {
    const name = replayName(new Date('2025-01-31T12:34:56.789Z'), '1a2b-3c4d-5e6f');
    expect(name).toBe('bankctl-20250131T123456Z-1a2b3c4d');
    expect(isValidReplayName(name)).toBe(true);
  });

  it('rejects names EventBridge would refuse', () => {
    expect(isValidReplayName('has space')).toBe(false);
    expect(isValidReplayName('x'.repeat(65))).toBe(false);
  });
});
