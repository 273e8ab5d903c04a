/**
 * The AccountFreezer over the account service's own freeze command (the one behind
 * `POST /accounts/{id}/freeze`), so a risk freeze writes the same status change, in the same
 * transaction, and publishes the same AccountFrozen event as an operator's.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AccountClosedError, AccountNotFoundError, createAccountService, loadConfig, RISK_SERVICE_PRINCIPAL, type Principal } from '@bank/account-service';
import { RiskServiceError, type AccountFreezer, type FreezeResult } from '@bank/risk-service';

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

/** Freezing reads no identity; an attempt to would be a change in the account service to look at. */
const NO_IDENTITY = {
  lookup: async (): Promise<never> => {
    throw new RiskServiceError('the risk service looks up no identities', 'NO_IDENTITY');
  },
};

function defaultService(dynamodb: DynamoDBClient | undefined): FreezeCommand {
  return createAccountService({ ...(dynamodb ? { dynamo: dynamodb } : {}), identity: NO_IDENTITY }, loadConfig());
}

/** The operator the account service sees: the risk service itself (its freezes are recorded as `risk-service`'s). */
export const riskPrincipal = (actor: string): Principal =>
  actor === RISK_SERVICE_PRINCIPAL.customerId ? RISK_SERVICE_PRINCIPAL : { customerId: actor, username: actor, operator: true };

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
    async freeze(accountId: string, reason: string, actor: string): Promise<FreezeResult> {
      try {
        const { changed } = await service.freeze(riskPrincipal(actor), accountId, reason);
        return changed ? 'frozen' : 'already-frozen';
      } catch (err) {
        if (err instanceof AccountNotFoundError || err instanceof AccountClosedError) return 'not-applicable';
        throw err;
      }
    },
  };
}
