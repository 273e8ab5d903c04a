/** The schema files as plain objects, for CDK request models, AsyncAPI tooling and tests. */
import openAccountRequest from '../api/OpenAccountRequest.json';
import depositRequest from '../api/DepositRequest.json';
import withdrawRequest from '../api/WithdrawRequest.json';
import transferRequest from '../api/TransferRequest.json';
import updateAccountRequest from '../api/UpdateAccountRequest.json';
import pushSubscriptionRequest from '../api/PushSubscriptionRequest.json';
import reasonRequest from '../api/ReasonRequest.json';
import { CHANNELS } from '@bank/topology';
import envelopeV1 from '../events/envelope/v1.json';
import accountOpenedV2 from '../events/AccountOpened/v2.json';
import moneyDepositedV1 from '../events/MoneyDeposited/v1.json';
import moneyWithdrawnV1 from '../events/MoneyWithdrawn/v1.json';
import transferSentV1 from '../events/TransferSent/v1.json';
import transferReceivedV1 from '../events/TransferReceived/v1.json';
import riskCaseOpenedV1 from '../events/RiskCaseOpened/v1.json';
import accountFrozenV1 from '../events/AccountFrozen/v1.json';
import accountUnfrozenV1 from '../events/AccountUnfrozen/v1.json';
import accountClosedV1 from '../events/AccountClosed/v1.json';
import debitHeldV1 from '../events/DebitHeld/v1.json';
import holdApprovedV1 from '../events/HoldApproved/v1.json';
import holdDeclinedV1 from '../events/HoldDeclined/v1.json';
import riskPolicyChangedV1 from '../events/RiskPolicyChanged/v1.json';
import notificationChannelDisabledV1 from '../events/NotificationChannelDisabled/v1.json';
import type { EventType } from './event-types';

/** A JSON Schema document (draft 2020-12) as parsed JSON. */
export type JsonSchemaObject = { readonly [keyword: string]: unknown };

export const API_REQUEST_NAMES = ['OpenAccountRequest', 'UpdateAccountRequest', 'DepositRequest', 'WithdrawRequest', 'TransferRequest', 'PushSubscriptionRequest', 'ReasonRequest'] as const;
export type ApiRequestName = (typeof API_REQUEST_NAMES)[number];

/**
 * The channel names a `notifications` object may hold are the platform's declared channels
 * (`@bank/topology`): a new channel declaration changes the API schema, the validators and the
 * CDK request models together, with no schema file to edit.
 */
function withDeclaredChannels(schema: JsonSchemaObject): JsonSchemaObject {
  const properties = schema.properties as Record<string, JsonSchemaObject>;
  const notifications = properties.notifications;
  if (!notifications) return schema;
  const declared = { ...notifications, propertyNames: { enum: CHANNELS.map((c) => c.name) } };
  return { ...schema, properties: { ...properties, notifications: declared } };
}

export const apiRequestSchemas: Readonly<Record<ApiRequestName, JsonSchemaObject>> = {
  OpenAccountRequest: withDeclaredChannels(openAccountRequest),
  UpdateAccountRequest: withDeclaredChannels(updateAccountRequest),
  DepositRequest: depositRequest,
  WithdrawRequest: withdrawRequest,
  TransferRequest: transferRequest,
  PushSubscriptionRequest: pushSubscriptionRequest,
  ReasonRequest: reasonRequest,
};

/** The current version of each event type's schema. */
export const eventSchemas: Readonly<Record<EventType, JsonSchemaObject>> = {
  AccountOpened: accountOpenedV2,
  MoneyDeposited: moneyDepositedV1,
  MoneyWithdrawn: moneyWithdrawnV1,
  TransferSent: transferSentV1,
  TransferReceived: transferReceivedV1,
  RiskCaseOpened: riskCaseOpenedV1,
  AccountFrozen: accountFrozenV1,
  AccountUnfrozen: accountUnfrozenV1,
  AccountClosed: accountClosedV1,
  DebitHeld: debitHeldV1,
  HoldApproved: holdApprovedV1,
  HoldDeclined: holdDeclinedV1,
  RiskPolicyChanged: riskPolicyChangedV1,
  NotificationChannelDisabled: notificationChannelDisabledV1,
};

export const eventEnvelopeSchema: JsonSchemaObject = envelopeV1;
