/**
 * A replay name EventBridge accepts (`[.\-_A-Za-z0-9]+`, at most 64 characters) that sorts by
 * start time: `bankctl-20250131T120000Z-1a2b`.
 */
export function replayName(now: Date, randomSuffix: string): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const suffix = randomSuffix.replace(/[^A-Za-z0-9]/g, '').slice(0, 8);
  return `bankctl-${stamp}-${suffix}`;
}

const REPLAY_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;

export function isValidReplayName(name: string): boolean {
  return REPLAY_NAME.test(name);
}
