import type { CreatedUser, NewUser, Tokens } from './aws/cognito-users';
import type { MessageAttributes, RawDlqMessage } from './core/dlq-message';

/** A received message's handle, enough to delete it or change its visibility. */
export interface ReceivedHandle {
  readonly messageId: string;
  readonly receiptHandle: string;
}

/** The SQS operations bankctl needs (adapter: `SqsQueues`). */
export interface QueuePort {
  resolveUrl(queueName: string): Promise<string>;
  /** Checks the URL names an existing queue and returns its ARN. */
  arnOf(queueUrl: string): Promise<string>;
  receive(queueUrl: string, max: number, visibilityTimeoutSeconds: number): Promise<RawDlqMessage[]>;
  setVisibility(queueUrl: string, messages: readonly ReceivedHandle[], seconds: number): Promise<void>;
  send(queueUrl: string, body: string, attributes: MessageAttributes): Promise<void>;
  delete(queueUrl: string, message: ReceivedHandle): Promise<void>;
  startMoveTask(sourceArn: string, destinationArn: string, perSecond: number | undefined): Promise<string>;
}

/** Reads delivery records by `DeliveryID` (adapter: `DynamoDeliveryRecords`). */
export interface DeliveryRecordPort {
  getMany(deliveryIds: readonly string[]): Promise<Map<string, Record<string, unknown>>>;
}

export interface ReplaySummary {
  readonly name: string;
  readonly state: string;
  readonly reason: string | undefined;
  readonly eventStartTime: string | undefined;
  readonly eventEndTime: string | undefined;
  readonly replayStartTime: string | undefined;
  readonly replayEndTime: string | undefined;
}

export interface StartReplayInput {
  readonly name: string;
  readonly archiveArn: string;
  readonly busArn: string;
  readonly from: Date;
  readonly to: Date;
  readonly ruleArns: readonly string[];
}

/** EventBridge archive replays (adapter: `EventBridgeReplays`). */
export interface EventReplayPort {
  archive(archiveName: string): Promise<{ arn: string; sourceArn: string }>;
  ruleArn(ruleName: string, busName: string): Promise<string>;
  startReplay(input: StartReplayInput): Promise<{ arn: string; state: string }>;
  listReplays(archiveArn: string): Promise<ReplaySummary[]>;
}

/** The user pool's admin side (Cognito): people for the bank, and their sign-in. */
export interface IdentityAdminPort {
  createUser(user: NewUser): Promise<CreatedUser>;
  signIn(email: string, password: string): Promise<Tokens>;
}

/** A JSON document the API answered (already parsed). */
export type ApiDocument = Readonly<Record<string, unknown>>;

/** The operator routes of the HTTP API (DESIGN §10) that `bankctl risk` calls (adapter: `HttpRiskApi`). */
export interface RiskApiPort {
  getPolicy(): Promise<ApiDocument>;
  putPolicy(policy: unknown): Promise<ApiDocument>;
  /** Every page of `GET /holds`: of one status, or (none given) the API's default, the PENDING ones. */
  listHolds(status: string | undefined): Promise<ApiDocument[]>;
  approveHold(holdId: string): Promise<ApiDocument>;
  declineHold(holdId: string, reason: string): Promise<ApiDocument>;
  freeze(accountId: string, reason: string): Promise<ApiDocument>;
  unfreeze(accountId: string, reason: string | undefined): Promise<ApiDocument>;
  /** Every page of `GET /risk/cases`, optionally of one account. */
  listCases(accountId: string | undefined): Promise<ApiDocument[]>;
}
