import { INVALID_CURSOR_ISSUE, ValidationFailedError } from '../domain/errors';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** What every list answers for a cursor it did not hand out. */
export const invalidCursorError = (): ValidationFailedError =>
  new ValidationFailedError('The cursor is not valid.', [INVALID_CURSOR_ISSUE]);

/** Opaque pagination cursor: the last transaction id of a page, base64url encoded. */
export function encodeCursor(transactionId: string): string {
  return Buffer.from(JSON.stringify({ t: transactionId }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 't' in parsed && typeof parsed.t === 'string' && ULID.test(parsed.t)) {
      return parsed.t;
    }
  } catch {
    // fall through to the validation error
  }
  throw invalidCursorError();
}

const HOLD_POSITION = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z#[0-9A-HJKMNP-TV-Z]{26}$/;

/** Cursor of the operators' hold queue: the last index key of a page (`<createdAt>#<holdId>`). */
export function encodeHoldCursor(position: string): string {
  return Buffer.from(JSON.stringify({ h: position }), 'utf8').toString('base64url');
}

export function decodeHoldCursor(cursor: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'h' in parsed && typeof parsed.h === 'string' && HOLD_POSITION.test(parsed.h)) return parsed.h;
  } catch {
    // fall through to the validation error
  }
  throw invalidCursorError();
}
