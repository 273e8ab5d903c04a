/** Base error of the notifier runtime; every error it raises itself is a subclass. */
export class NotifierError extends Error {
  /** Stable machine-readable code, written to the DLQ attribute `failure-code`. */
  readonly code: string;
  constructor(message: string, code: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NotifierError';
    this.code = code;
  }
}

/** The SQS body is not JSON or not a CloudEvent we know: it will never succeed. */
export class InvalidMessageError extends NotifierError {
  readonly errors: readonly { path: string; message: string }[];
  constructor(message: string, code: 'INVALID_JSON' | 'INVALID_EVENT', errors: readonly { path: string; message: string }[] = [], options?: { cause?: unknown }) {
    super(message, code, options);
    this.name = 'InvalidMessageError';
    this.errors = errors;
  }
}

/** The event names an account that has no profile item. */
export class UnknownAccountError extends NotifierError {
  constructor(message: string) {
    super(message, 'UNKNOWN_ACCOUNT');
    this.name = 'UnknownAccountError';
  }
}

/** Another worker holds an unexpired claim on the same (eventId, channel). */
export class DeliveryInProgressError extends NotifierError {
  constructor(message: string) {
    super(message, 'DELIVERY_IN_PROGRESS');
    this.name = 'DeliveryInProgressError';
  }
}

/** Deployment problem: a queue not in the topology, a channel without providers, a bad manifest. */
export class NotifierConfigError extends NotifierError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'NOTIFIER_CONFIG', options);
    this.name = 'NotifierConfigError';
  }
}
