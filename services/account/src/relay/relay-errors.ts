export class RelayError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RelayError';
  }
}

/** A destination refused some events of a batch. */
export class PublishFailedError extends RelayError {
  constructor(destination: string, failed: number, detail: string) {
    super(`${destination} refused ${failed} event(s): ${detail}`);
    this.name = 'PublishFailedError';
  }
}

/** The relay built an event that its own schema rejects: a bug, never published. */
export class InvalidEventError extends RelayError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventError';
  }
}
