import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AwsTarget } from '../core/target';

export interface AwsClients {
  readonly sqs: SQSClient;
  readonly events: EventBridgeClient;
  readonly dynamo: DynamoDBDocumentClient;
  destroy(): void;
}

/** The emulator accepts any key; a fixed dummy one keeps a developer's real credentials out of local calls. */
const LOCAL_CREDENTIALS = { accessKeyId: 'bankctl-local', secretAccessKey: 'bankctl-local' };

interface ClientConfig {
  region?: string;
  endpoint?: string;
  profile?: string;
  credentials?: typeof LOCAL_CREDENTIALS;
  maxAttempts: number;
}

export function clientConfig(target: AwsTarget): ClientConfig {
  if (target.kind === 'local') return { region: target.region, endpoint: target.endpoint, credentials: LOCAL_CREDENTIALS, maxAttempts: 2 };
  const config: ClientConfig = { maxAttempts: 3 };
  if (target.region) config.region = target.region;
  if (target.endpoint) config.endpoint = target.endpoint;
  if (target.profile) config.profile = target.profile;
  return config;
}

export function createClients(target: AwsTarget): AwsClients {
  const config = clientConfig(target);
  const sqs = new SQSClient(config);
  const events = new EventBridgeClient(config);
  const ddb = new DynamoDBClient(config);
  const dynamo = DynamoDBDocumentClient.from(ddb);
  return {
    sqs,
    events,
    dynamo,
    destroy: () => {
      sqs.destroy();
      events.destroy();
      ddb.destroy();
    },
  };
}
