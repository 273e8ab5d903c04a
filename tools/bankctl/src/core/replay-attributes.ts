import { isFailureAttribute, REPLAY_COUNT_ATTRIBUTE, type MessageAttributes } from './dlq-message';

/** The replay count a message already carries (0 when never replayed or unreadable). */
export function replayCountOf(attributes: MessageAttributes): number {
  const value = Number(attributes[REPLAY_COUNT_ATTRIBUTE]?.StringValue);
  return Number.isSafeInteger(value) && value > 0 ? value : 0;
}

/**
 * Attributes of the replayed copy: the original ones (e.g. `type`, `version`, `correlationid`),
 * without the notifier's `failure-*` / `failed-at` bookkeeping (a new failure writes fresh ones),
 * plus `replay-count` = previous + 1 (Number).
 */
export function buildReplayAttributes(attributes: MessageAttributes): MessageAttributes {
  const kept: MessageAttributes = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (!isFailureAttribute(name) && name !== REPLAY_COUNT_ATTRIBUTE) kept[name] = value;
  }
  kept[REPLAY_COUNT_ATTRIBUTE] = { DataType: 'Number', StringValue: String(replayCountOf(attributes) + 1) };
  return kept;
}
