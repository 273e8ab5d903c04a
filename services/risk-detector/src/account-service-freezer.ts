/**
 * The AccountFreezer over the account service's own freeze command (the one behind
 * `POST /accounts/{id}/freeze`), so a risk freeze writes the same status change, in the same
 * transaction, and publishes the same AccountFrozen event as an operator's.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AccountClosedError, AccountNotFoundError, createAccountService, loadConfig, RISK_SERVICE_PRINCIPAL, type Principal } from '@bank/account-service';
import type { AccountFreezer, FreezeResult } from '@bank/risk-service';

/** What this adapter calls: `AccountService.freeze`. */
export interface FreezeCommand {
  freeze(principal: Principal, accountId: string, reason: string): Promise<{ readonly changed: boolean }>;
}

export interface AccountServiceFreezerOptions {
  /** Default: `createAccountService` over DynamoDB, configured from the environment (`ACCOUNTS_TABLE`). */
  readonly service?: FreezeCommand;
  /** The DynamoDB client of the default service (share the handler's). */
  readonly dynamodb?: DynamoDBClient;
}

/** Freezing reads no identity: the account service's default (a lookup fails loudly) is right. */
function defaultService(dynamodb: DynamoDBClient | undefined): FreezeCommand {
  return createAccountService(dynamodb ? { dynamo: dynamodb } : {}, loadConfig());
}

/**
 * `frozen` when this call froze the account, `already-frozen` when it was, `not-applicable` for a
 * closed or unknown account. Anything else (throttling, contention) throws: the message is
 * retried and the case keeps owing its freeze.
 *
 * @example
 * const dynamodb = new DynamoDBClient({});
 * createRiskHandler({ freezer: accountServiceFreezer({ dynamodb }), clients: { dynamodb } });
 */
export function accountServiceFreezer(options: AccountServiceFreezerOptions = {}): AccountFreezer {
  const service: FreezeCommand = options.service ?? defaultService(options.dynamodb);
  return {
    async freeze(accountId: string, reason: string): Promise<FreezeResult> {
      try {
        // The operator the account service sees is the risk service itself (RISK_ACTOR).
        const { changed } = await service.freeze(RISK_SERVICE_PRINCIPAL, accountId, reason);
        return changed ? 'frozen' : 'already-frozen';
      } catch (err) {
        if (err instanceof AccountNotFoundError || err instanceof AccountClosedError) return 'not-applicable';
        throw err;
      }
    },
  };
}
