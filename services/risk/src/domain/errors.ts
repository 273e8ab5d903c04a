/** Base error of the risk service. `code` is stable and goes to the DLQ attribute `failure-code`. */
export class RiskServiceError extends Error {
  readonly code: string;

  constructor(message: string, code: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RiskServiceError';
    this.code = code;
  }
}

/** The queue message is not an EventBridge event carrying a valid bank event: it never will be. */
export class InvalidMessageError extends RiskServiceError {
  readonly errors: readonly { path: string; message: string }[];

  constructor(message: string, code: 'INVALID_JSON' | 'INVALID_EVENT', errors: readonly { path: string; message: string }[] = [], options?: { cause?: unknown }) {
    super(message, code, options);
    this.name = 'InvalidMessageError';
    this.errors = errors;
  }
}

/** A listing cursor that this service did not produce (HTTP 400). */
export class InvalidCursorError extends RiskServiceError {
  constructor() {
    super('the cursor is not one returned by this API', 'INVALID_CURSOR');
    this.name = 'InvalidCursorError';
  }
}
