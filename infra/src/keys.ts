import { Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccountRootPrincipal, Effect, type IGrantable, PolicyDocument, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * What a key administrator may do: manage the key's life, policy, rotation and aliases. No
 * cryptographic operation and no `kms:CreateGrant` (a grant is a way to use the key): an
 * administrator who wants to decrypt must first change the key policy, which CloudTrail records.
 */
export const KEY_ADMIN_ACTIONS = [
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:PutKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:EnableKeyRotation',
  'kms:DisableKeyRotation',
  'kms:RotateKeyOnDemand',
  'kms:ListKeyRotations',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListResourceTags',
  'kms:ListAliases',
  'kms:CreateAlias',
  'kms:UpdateAlias',
  'kms:DeleteAlias',
  'kms:UpdateKeyDescription',
  'kms:EnableKey',
  'kms:DisableKey',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:RevokeGrant',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
] as const;

/** Decrypt-side use: read a table, receive a message, read a secret. */
export const KEY_DECRYPT_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'] as const;
/** Full use through a service: write a table item, send or publish a message (no re-encryption, no wildcard). */
export const KEY_ENCRYPT_DECRYPT_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'] as const;

/** The AWS service a principal must go through to use a key (the `kms:ViaService` condition). */
export type KeyService = 'dynamodb' | 'sqs' | 'sns' | 'secretsmanager';

export interface KeyUse {
  /** Omitted only where the calling service's `kms:ViaService` value is not documented. */
  readonly service?: KeyService;
  /** `decrypt` reads only; `encryptDecrypt` also writes. */
  readonly access: 'decrypt' | 'encryptDecrypt';
}

/** `<service>.<region>.amazonaws.com`, the value of `kms:ViaService` for calls made through that service. */
export function viaService(service: KeyService): string {
  return `${service}.${Aws.REGION}.amazonaws.com`;
}

/**
 * Lets a principal use a key only through one service, written into the key policy (the only
 * place it can be: the account root is trusted with administration alone, so an IAM statement
 * by itself grants nothing). The same statement goes on the principal's own policy too.
 *
 * @example
 * allowKeyUse(keys.data, api.fn, { service: 'dynamodb', access: 'encryptDecrypt' });
 */
export function allowKeyUse(key: Key, grantee: IGrantable, use: KeyUse): void {
  const actions = use.access === 'decrypt' ? [...KEY_DECRYPT_ACTIONS] : [...KEY_ENCRYPT_DECRYPT_ACTIONS];
  const conditions = { StringEquals: { 'kms:CallerAccount': Aws.ACCOUNT_ID, ...(use.service ? { 'kms:ViaService': viaService(use.service) } : {}) } };
  key.addToResourcePolicy(new PolicyStatement({ principals: [grantee.grantPrincipal], actions, resources: ['*'], conditions }));
  grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [key.keyArn], conditions }));
}

function administeredKey(scope: Construct, id: string, description: string): Key {
  const admin = new PolicyStatement({
    sid: 'KeyAdministrationOnly',
    effect: Effect.ALLOW,
    principals: [new AccountRootPrincipal()],
    actions: [...KEY_ADMIN_ACTIONS],
    resources: ['*'],
  });
  return new Key(scope, id, {
    description,
    enableKeyRotation: true,
    // A deleted key makes everything it encrypted unreadable: never deleted by a stack operation.
    removalPolicy: RemovalPolicy.RETAIN,
    policy: new PolicyDocument({ statements: [admin] }),
  });
}

/**
 * The stack's customer-managed keys, one per kind of data so that a principal allowed one kind
 * learns nothing of another: ledger tables, topics, queues (with DLQs and the event archive),
 * logs, and provider secrets. Topics and queues need separate keys: a queue's key policy names
 * the topic it accepts deliveries from, and a topic refers to its key, so one shared key would
 * be a dependency cycle. Rotation is on (yearly); administration is the account's
 * (through IAM), use is granted per role and per service with {@link allowKeyUse}.
 */
export class BankKeys extends Construct {
  readonly data: Key;
  readonly topics: Key;
  readonly queues: Key;
  readonly logs: Key;
  readonly secrets: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.data = administeredKey(this, 'Data', 'Ledger and delivery tables (DynamoDB)');
    this.topics = administeredKey(this, 'Topics', 'Transaction events topic and alarm topic (SNS)');
    this.queues = administeredKey(this, 'Queues', 'Channel and rule queues, their DLQs, relay failures, event archive');
    this.logs = administeredKey(this, 'Logs', 'Function, API access and WAF log groups');
    this.secrets = administeredKey(this, 'Secrets', 'Provider credentials (Secrets Manager)');

    // DynamoDB creates grants on the data key for the tables it encrypts (CreateTable runs as the
    // deploying role); grants for AWS resources only, so nobody can grant themselves decrypt.
    this.data.addToResourcePolicy(
      new PolicyStatement({
        sid: 'TableGrantsForDynamoDB',
        principals: [new AccountRootPrincipal()],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' }, StringEquals: { 'kms:ViaService': viaService('dynamodb') } },
      }),
    );
    // Writing a secret (the stack's placeholder, an operator's put-secret-value) needs a data key;
    // reading one needs Decrypt, which only the notifiers get.
    this.secrets.addToResourcePolicy(
      new PolicyStatement({
        sid: 'WriteOnlyThroughSecretsManager',
        principals: [new AccountRootPrincipal()],
        actions: ['kms:GenerateDataKey*', 'kms:Encrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:ViaService': viaService('secretsmanager') } },
      }),
    );
    const stack = Stack.of(this);
    this.logs.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchLogsEncryptsThisAccountsLogGroups',
        principals: [new ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${stack.account}:log-group:*` },
        },
      }),
    );
    // CloudWatch alarms publish to the alarm topic under this key.
    this.topics.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
  }

  /** Every key, for checks that apply to all of them. */
  get all(): readonly Key[] {
    return [this.data, this.topics, this.queues, this.logs, this.secrets];
  }
}
