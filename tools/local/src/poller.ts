/** A background loop of the local stack (stream or queue poller). */
export interface Poller {
  stop(): Promise<void>;
}

export interface PollerLog {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
