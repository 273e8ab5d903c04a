import type { Clock } from '../core/rate';
import type { ChannelResources, EventResources } from '../core/resources';
import type { DeliveryRecordPort, EventReplayPort, QueuePort } from '../ports';

/** Where a command writes: human text, or one JSON document with `--json`. */
export interface Output {
  line(text: string): void;
  json(value: unknown): void;
  /** Notes for the operator that are not the result (stderr). */
  note(text: string): void;
}

/** A progress bar (cli-progress on a terminal) or nothing. */
export interface ProgressReporter {
  start(total: number): void;
  increment(): void;
  stop(): void;
}

export type ProgressFactory = () => ProgressReporter;

export const noProgress: ProgressFactory = () => ({ start: () => undefined, increment: () => undefined, stop: () => undefined });

export interface DlqContext {
  readonly queues: QueuePort;
  readonly records: DeliveryRecordPort;
  readonly resources: ChannelResources;
  readonly output: Output;
  readonly progress: ProgressFactory;
  readonly clock: Clock;
  /** True against an emulator (moto): some SQS APIs, e.g. StartMessageMoveTask, are missing there. */
  readonly local: boolean;
}

export interface EventsContext {
  readonly replays: EventReplayPort;
  readonly resources: EventResources;
  readonly output: Output;
  readonly clock: Clock;
}
