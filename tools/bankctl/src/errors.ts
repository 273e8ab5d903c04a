/** Exit code of an operational failure (AWS said no, a queue is missing, a send failed). */
export const EXIT_OPERATIONAL = 1;
/** Exit code of a usage error (bad flag, unknown channel, missing --yes). */
export const EXIT_USAGE = 2;

/** Base error of bankctl: its message is what the operator sees, `exitCode` what the shell sees. */
export class BankctlError extends Error {
  readonly exitCode: number = EXIT_OPERATIONAL;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BankctlError';
  }
}

/** The command line is wrong; nothing was touched. */
export class UsageError extends BankctlError {
  override readonly exitCode: number = EXIT_USAGE;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}

export class UnknownChannelError extends UsageError {
  constructor(channel: string, known: readonly string[]) {
    super(`unknown channel "${channel}" (known channels: ${known.join(', ')})`);
    this.name = 'UnknownChannelError';
  }
}

/** A destructive command was run without `--yes`. */
export class ConfirmationRequiredError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'ConfirmationRequiredError';
  }
}

/** The operation is not available with these options or on this endpoint. */
export class UnsupportedOperationError extends UsageError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnsupportedOperationError';
  }
}

const LOCAL_HINT = 'is the local stack running? npm start';

export class QueueNotFoundError extends BankctlError {
  constructor(queue: string, options?: { cause?: unknown }) {
    super(`queue ${queue} not found (${LOCAL_HINT})`, options);
    this.name = 'QueueNotFoundError';
  }
}

export class TableNotFoundError extends BankctlError {
  constructor(table: string, options?: { cause?: unknown }) {
    super(`table ${table} not found (${LOCAL_HINT})`, options);
    this.name = 'TableNotFoundError';
  }
}

export class ArchiveNotFoundError extends BankctlError {
  constructor(archive: string, options?: { cause?: unknown }) {
    super(`event archive ${archive} not found (${LOCAL_HINT})`, options);
    this.name = 'ArchiveNotFoundError';
  }
}

export class EventBusNotFoundError extends BankctlError {
  constructor(name: string, options?: { cause?: unknown }) {
    super(`event bus or rule ${name} not found (${LOCAL_HINT})`, options);
    this.name = 'EventBusNotFoundError';
  }
}

/** `deliveries show` found no delivery of that event on any channel. */
export class DeliveryNotFoundError extends BankctlError {
  constructor(eventId: string) {
    super(`no delivery of event ${eventId} on any channel`);
    this.name = 'DeliveryNotFoundError';
  }
}

/** `dlq show --id` found no message with that event id (or message id). */
export class MessageNotFoundError extends BankctlError {
  constructor(id: string, queue: string) {
    super(`no message with id ${id} in ${queue}`);
    this.name = 'MessageNotFoundError';
  }
}

export class NoCredentialsError extends BankctlError {
  constructor(options?: { cause?: unknown }) {
    super(
      'no AWS credentials found: configure the standard chain (AWS_PROFILE / --profile, AWS_ACCESS_KEY_ID, SSO, instance role), or drop --aws to use the local stack',
      options,
    );
    this.name = 'NoCredentialsError';
  }
}

/** Local mode was chosen but `.local/stack.json` is missing or unreadable. */
export class LocalStackNotFoundError extends BankctlError {
  constructor(file: string, options?: { cause?: unknown }) {
    super(`local stack not found: ${file} is missing or invalid (start it with npm start, or pass --endpoint URL or --aws)`, options);
    this.name = 'LocalStackNotFoundError';
  }
}

/** One field the API found wrong in a request (problem+json `errors`). */
export interface ApiFieldIssue {
  readonly path: string;
  readonly message: string;
}

/** The HTTP API answered with a problem document (or not at all): `status` and its stable `code`. */
export class ApiProblemError extends BankctlError {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ApiProblemError';
  }
}

/** The risk commands were given no way to get an operator's access token. */
export class TokenRequiredError extends UsageError {
  constructor() {
    super('risk commands need an operator access token: --token TOKEN, BANKCTL_TOKEN, or --as EMAIL with the password in BANKCTL_PASSWORD');
    this.name = 'TokenRequiredError';
  }
}

/** Any other AWS error, with the service's message and the operation that failed. */
export class AwsOperationError extends BankctlError {
  constructor(operation: string, message: string, options?: { cause?: unknown }) {
    super(`${operation} failed: ${message}`, options);
    this.name = 'AwsOperationError';
  }
}
