/**
 * JSON Schemas (draft 2020-12) of the policy, built from one description so that the API shape
 * (major units, what `PUT /risk/policy` accepts) and the stored shape (integer minor units) cannot
 * drift apart. Bounds keep every value meaningful and every amount a safe integer in minor units.
 */
import type { JSONSchemaType } from 'ajv/dist/2020';
import { MAX_PATTERN_WINDOW_MINUTES, MAX_VELOCITY_DEBITS, type RiskPolicyDocument } from './policy';

/** Largest policy amount in major units ($1 billion): far above any per-transaction maximum. */
export const MAX_POLICY_AMOUNT_MAJOR = 1_000_000_000;

type Unit = 'major' | 'minor';

const amount = (unit: Unit, description: string) =>
  unit === 'major'
    ? { type: 'number' as const, exclusiveMinimum: 0, maximum: MAX_POLICY_AMOUNT_MAJOR, description: `${description} Major units, at most 2 decimals.` }
    : { type: 'integer' as const, minimum: 1, maximum: MAX_POLICY_AMOUNT_MAJOR * 100, description: `${description} Minor units.` };

const minutes = (maximum: number, description: string) => ({ type: 'integer' as const, minimum: 1, maximum, description });

function buildSchema(unit: Unit): JSONSchemaType<RiskPolicyDocument> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: unit === 'major' ? 'urn:bank:api:RiskPolicy' : 'urn:bank:storage:RiskPolicy',
    title: 'RiskPolicy',
    description: 'Risk policy of GET/PUT /risk/policy (DESIGN.md section 10).',
    type: 'object',
    additionalProperties: false,
    required: ['mode', 'reviewAmount', 'newAccount', 'velocity', 'holdExpiryMinutes', 'patterns'],
    properties: {
      mode: { type: 'string', enum: ['enforce', 'shadow'], description: 'shadow: evaluate and record every rule, refuse, hold and freeze nothing.' },
      reviewAmount: amount(unit, 'A debit of at least this amount is held for review.'),
      newAccount: {
        type: 'object',
        additionalProperties: false,
        required: ['days', 'maxDebit'],
        properties: {
          days: { type: 'integer', minimum: 0, maximum: 365, description: 'Age in days under which an account is new; 0 turns the cap off.' },
          maxDebit: amount(unit, 'Largest debit of a new account.'),
        },
      },
      velocity: {
        type: 'object',
        additionalProperties: false,
        required: ['maxDebits', 'windowMinutes'],
        properties: {
          maxDebits: { type: 'integer', minimum: 1, maximum: MAX_VELOCITY_DEBITS, description: 'Debits allowed per rolling window.' },
          windowMinutes: minutes(MAX_PATTERN_WINDOW_MINUTES, 'Length of the rolling window.'),
        },
      },
      holdExpiryMinutes: minutes(43_200, 'An undecided hold is declined by itself after this long (at most 30 days).'),
      patterns: {
        type: 'object',
        additionalProperties: false,
        required: ['passThrough', 'fanOut', 'action'],
        properties: {
          passThrough: {
            type: 'object',
            additionalProperties: false,
            required: ['minDeposit', 'share', 'withinMinutes'],
            properties: {
              minDeposit: amount(unit, 'Smallest deposit the pattern looks at.'),
              share: { type: 'number', exclusiveMinimum: 0, maximum: 1, description: 'Fraction of the deposit that must leave (0 < share ≤ 1).' },
              withinMinutes: minutes(MAX_PATTERN_WINDOW_MINUTES, 'How soon after the deposit.'),
            },
          },
          fanOut: {
            type: 'object',
            additionalProperties: false,
            required: ['counterparties', 'withinMinutes'],
            properties: {
              counterparties: { type: 'integer', minimum: 2, maximum: 100, description: 'Distinct destination accounts.' },
              withinMinutes: minutes(MAX_PATTERN_WINDOW_MINUTES, 'Length of the window.'),
            },
          },
          action: { type: 'string', enum: ['flag', 'freeze'], description: 'freeze: a detected pattern also freezes the account (enforce mode only).' },
        },
      },
    },
  };
}

/**
 * The schema of the policy document of `GET/PUT /risk/policy` (amounts in major units), for
 * request models and docs.
 *
 * @example
 * new apigateway.Model(this, 'RiskPolicy', { restApi, schema: riskPolicySchema as JsonSchema });
 */
export const riskPolicySchema: JSONSchemaType<RiskPolicyDocument> = buildSchema('major');

/** The schema of the stored policy (amounts in minor units). */
export const storedRiskPolicySchema: JSONSchemaType<RiskPolicyDocument> = buildSchema('minor');
