/** The schema files as plain objects, for CDK request models, AsyncAPI tooling and tests. */
import openAccountRequest from '../api/OpenAccountRequest.json';
import depositRequest from '../api/DepositRequest.json';
import withdrawRequest from '../api/WithdrawRequest.json';
import transferRequest from '../api/TransferRequest.json';
import envelopeV1 from '../events/envelope/v1.json';
import accountOpenedV1 from '../events/AccountOpened/v1.json';
import moneyDepositedV1 from '../events/MoneyDeposited/v1.json';
import moneyWithdrawnV1 from '../events/MoneyWithdrawn/v1.json';
import transferSentV1 from '../events/TransferSent/v1.json';
import transferReceivedV1 from '../events/TransferReceived/v1.json';
import riskCaseOpenedV1 from '../events/RiskCaseOpened/v1.json';
import type { EventType } from './event-types';

/** A JSON Schema document (draft 2020-12) as parsed JSON. */
export type JsonSchemaObject = { readonly [keyword: string]: unknown };

export const API_REQUEST_NAMES = ['OpenAccountRequest', 'DepositRequest', 'WithdrawRequest', 'TransferRequest'] as const;
export type ApiRequestName = (typeof API_REQUEST_NAMES)[number];

export const apiRequestSchemas: Readonly<Record<ApiRequestName, JsonSchemaObject>> = {
  OpenAccountRequest: openAccountRequest,
  DepositRequest: depositRequest,
  WithdrawRequest: withdrawRequest,
  TransferRequest: transferRequest,
};

/** The current version of each event type's schema. */
export const eventSchemas: Readonly<Record<EventType, JsonSchemaObject>> = {
  AccountOpened: accountOpenedV1,
  MoneyDeposited: moneyDepositedV1,
  MoneyWithdrawn: moneyWithdrawnV1,
  TransferSent: transferSentV1,
  TransferReceived: transferReceivedV1,
  RiskCaseOpened: riskCaseOpenedV1,
};

export const eventEnvelopeSchema: JsonSchemaObject = envelopeV1;
