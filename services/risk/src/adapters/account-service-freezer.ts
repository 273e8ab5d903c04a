/**
 * PLACEHOLDER, to be wired by the account service: the AccountFreezer that calls the account
 * service's core freeze command (the one behind `POST /accounts/{id}/freeze`), so a risk freeze
 * writes the same status change and publishes the same AccountFrozen event as an operator's.
 * Map its outcomes to FreezeResult: frozen → 'frozen', already frozen → 'already-frozen',
 * closed or unknown account → 'not-applicable'; let throttling and other failures throw (the
 * message is retried and the case keeps owing its freeze).
 *
 * Until then it throws FreezerNotWiredError: with `patterns.action: "freeze"` in enforce mode the
 * case is still opened, the message is retried and then dead-lettered, and replaying it from the
 * DLQ once the freezer is wired carries the freeze out.
 */
import { FreezerNotWiredError } from '../domain/errors';
import type { AccountFreezer } from '../domain/ports';

export function accountServiceFreezer(): AccountFreezer {
  return {
    freeze: async () => {
      throw new FreezerNotWiredError();
    },
  };
}
