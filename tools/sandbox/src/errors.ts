/** Base error of the provider sandbox; every error it throws is one of these. */
export class SandboxError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SandboxError';
  }
}

/** A listener (HTTP or SMTP) could not be started, e.g. the port is in use. */
export class SandboxStartError extends SandboxError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SandboxStartError';
  }
}

/** A request to the sandbox itself was unusable; `status` is the HTTP status it answers with. */
export class SandboxRequestError extends SandboxError {
  readonly status: number;

  constructor(status: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SandboxRequestError';
    this.status = status;
  }
}

/** The request body is larger than the sandbox accepts (413). */
export class BodyTooLargeError extends SandboxRequestError {
  constructor(limitBytes: number) {
    super(413, `request body exceeds ${limitBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}
