import { AwsOperationError, BankctlError, NoCredentialsError } from '../errors';

function errorName(err: unknown): string {
  if (typeof err !== 'object' || err === null) return '';
  const name = 'name' in err && typeof err.name === 'string' ? err.name : '';
  const code = 'Code' in err && typeof err.Code === 'string' ? err.Code : '';
  return `${name} ${code}`;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isConnectionRefused(err: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = err;
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current);
    if ('code' in current && (current.code === 'ECONNREFUSED' || current.code === 'ENOTFOUND')) return true;
    current = 'cause' in current ? current.cause : undefined;
  }
  return /ECONNREFUSED|ENOTFOUND/.test(errorMessage(err));
}

/** True when the SDK error's name or code is one of `names` (e.g. `QueueDoesNotExist`). */
export function hasErrorName(err: unknown, ...names: string[]): boolean {
  const text = errorName(err);
  return names.some((n) => text.includes(n));
}

/**
 * Runs one AWS call and turns its failure into a BankctlError: missing credentials, an
 * unreachable endpoint, a missing resource (`notFound` decides which error), or the service's message.
 */
export async function awsCall<T>(operation: string, call: () => Promise<T>, notFound?: (err: unknown) => BankctlError | undefined): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof BankctlError) throw err;
    const mapped = notFound?.(err);
    if (mapped) throw mapped;
    if (hasErrorName(err, 'CredentialsProviderError', 'ExpiredToken', 'UnrecognizedClientException', 'InvalidClientTokenId')) {
      throw new NoCredentialsError({ cause: err });
    }
    if (isConnectionRefused(err)) {
      throw new BankctlError(`cannot reach the AWS endpoint (is the local stack running? npm start): ${errorMessage(err)}`, { cause: err });
    }
    throw new AwsOperationError(operation, errorMessage(err), { cause: err });
  }
}
