import { toMinorUnits } from '@bank/money';
import { DEFAULT_POLICY_MAX_AGE_MS } from '@bank/risk-policy';
import { DEFAULT_LIMITS, type Limits } from './domain/limits';
import { DEFAULT_MAX_SUBSCRIPTIONS, KNOWN_PUSH_SERVICES, type PushConfig } from './http/push-subscriptions';

export interface AccountServiceConfig {
  readonly tableName: string;
  /** The notifiers' delivery records (`GET /accounts/{id}/notifications` reads them). */
  readonly deliveriesTableName: string;
  readonly limits: Limits;
  /** The Cognito user pool whose users are the customers and operators. */
  readonly userPoolId: string;
  /** App clients whose access tokens the API takes (empty: any client of the pool). */
  readonly userPoolClientIds: readonly string[];
  readonly push: PushConfig;
  /** How long the API reuses the risk policy it read (DESIGN.md: a change applies within 30 s; 0 locally). */
  readonly riskPolicyMaxAgeMs: number;
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

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** 0–30 seconds (DESIGN.md's bound); 30 by default. */
function policyMaxAge(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_POLICY_MAX_AGE_MS;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 30) throw new Error(`RISK_POLICY_MAX_AGE_SECONDS must be 0 to 30, got "${value}"`);
  return seconds * 1000;
}

/** Reads configuration once per cold start; limits are given in major units (dollars). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AccountServiceConfig {
  return {
    tableName: env.ACCOUNTS_TABLE || 'CheckingAccountTransactions',
    deliveriesTableName: env.DELIVERIES_TABLE || 'NotificationDeliveries',
    limits: {
      maxTransaction: amountFromEnv(env.MAX_TRANSACTION_AMOUNT, DEFAULT_LIMITS.maxTransaction, 'MAX_TRANSACTION_AMOUNT'),
      dailyWithdrawal: amountFromEnv(env.DAILY_WITHDRAWAL_LIMIT, DEFAULT_LIMITS.dailyWithdrawal, 'DAILY_WITHDRAWAL_LIMIT'),
      maxBalance: DEFAULT_LIMITS.maxBalance,
    },
    userPoolId: env.USER_POOL_ID ?? '',
    userPoolClientIds: list(env.USER_POOL_CLIENT_ID),
    push: {
      // PUSH_SERVICE_HOSTS adds hosts to the browsers' push services (the local stack adds its sandbox).
      allowedHosts: [...KNOWN_PUSH_SERVICES, ...list(env.PUSH_SERVICE_HOSTS)],
      vapidPublicKey: env.VAPID_PUBLIC_KEY ?? '',
      maxSubscriptions: DEFAULT_MAX_SUBSCRIPTIONS,
    },
    riskPolicyMaxAgeMs: policyMaxAge(env.RISK_POLICY_MAX_AGE_SECONDS),
  };
}
