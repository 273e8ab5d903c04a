/** The package's one error: the AWS emulator cannot be set up or started (message is one line). */
export class MotoUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MotoUnavailableError';
  }
}
