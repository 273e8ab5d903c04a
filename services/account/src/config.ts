import { toMinorUnits } from '@bank/money';
import { DEFAULT_LIMITS, type Limits } from './domain/limits';

export interface AccountServiceConfig {
  readonly tableName: string;
  readonly limits: Limits;
  /** The Cognito user pool whose users are the customers and operators. */
  readonly userPoolId: string;
  /** App clients whose access tokens the API takes (empty: any client of the pool). */
  readonly userPoolClientIds: readonly string[];
}

function amountFromEnv(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const major = Number(value);
  try {
    return toMinorUnits(major);
  } catch {
    throw new Error(`${name} must be an amount in major units with at most 2 decimals, got "${value}"`);
  }
}

/** Reads configuration once per cold start; limits are given in major units (dollars). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AccountServiceConfig {
  return {
    tableName: env.ACCOUNTS_TABLE || 'CheckingAccountTransactions',
    limits: {
      maxTransaction: amountFromEnv(env.MAX_TRANSACTION_AMOUNT, DEFAULT_LIMITS.maxTransaction, 'MAX_TRANSACTION_AMOUNT'),
      dailyWithdrawal: amountFromEnv(env.DAILY_WITHDRAWAL_LIMIT, DEFAULT_LIMITS.dailyWithdrawal, 'DAILY_WITHDRAWAL_LIMIT'),
      maxBalance: DEFAULT_LIMITS.maxBalance,
    },
    userPoolId: env.USER_POOL_ID ?? '',
    userPoolClientIds: (env.USER_POOL_CLIENT_ID ?? '').split(',').map((id) => id.trim()).filter((id) => id !== ''),
  };
}
