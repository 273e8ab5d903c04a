import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IdentityDef } from '@bank/topology';
import { Construct } from 'constructs';
import { BankFunction } from './bank-function';

export interface CustomerIdentityProps {
  readonly identity: IdentityDef;
  /** The accounts table, where the sign-in trigger keeps the bank's copy of each profile. */
  readonly table: ITable;
  /** Handler of the post-authentication trigger. */
  readonly profileSyncEntry: string;
  readonly logRetention: RetentionDays;
}

/**
 * Customers and operators: one Cognito user pool (sign-up by email, email and phone verified by
 * Cognito, a strong password policy, optional TOTP MFA, threat protection), an app client for the
 * API (USER_PASSWORD_AUTH and SRP, refresh tokens, no secret), the operators group, and a
 * post-authentication trigger that refreshes the bank's profile copy on every sign-in.
 */
export class CustomerIdentity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly profileSync: BankFunction;

  constructor(scope: Construct, id: string, props: CustomerIdentityProps) {
    super(scope, id);
    const { identity } = props;
    const policy = identity.passwordPolicy;
    this.userPool = new UserPool(this, 'Pool', {
      userPoolName: identity.userPoolName,
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true, phone: true },
      keepOriginal: { email: true, phone: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        phoneNumber: { required: false, mutable: true },
        fullname: { required: false, mutable: true },
      },
      passwordPolicy: {
        minLength: policy.minLength,
        requireLowercase: policy.requireLowercase,
        requireUppercase: policy.requireUppercase,
        requireDigits: policy.requireDigits,
        requireSymbols: policy.requireSymbols,
        tempPasswordValidity: Duration.days(policy.temporaryPasswordValidityDays),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.client = this.userPool.addClient('ApiClient', {
      userPoolClientName: identity.appClientName,
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.minutes(identity.tokenValidity.accessMinutes),
      idTokenValidity: Duration.minutes(identity.tokenValidity.idMinutes),
      refreshTokenValidity: Duration.days(identity.tokenValidity.refreshDays),
      enableTokenRevocation: true,
    });
    new CfnUserPoolGroup(this, 'Operators', {
      userPoolId: this.userPool.userPoolId,
      groupName: identity.operatorsGroup,
      description: 'Bank operators: review holds, freeze accounts, replay dead letters',
    });
    this.profileSync = new BankFunction(this, 'ProfileSync', {
      entry: props.profileSyncEntry,
      description: 'Cognito post-authentication trigger: refreshes the bank copy of the profile',
      timeout: Duration.seconds(5),
      memorySize: 256,
      logRetention: props.logRetention,
      environment: { ACCOUNTS_TABLE: props.table.tableName, POWERTOOLS_SERVICE_NAME: 'profile-sync' },
    });
    // Only profile items, in customers' own partitions: the trigger cannot touch accounts or money.
    this.profileSync.allow(['dynamodb:PutItem'], [props.table.tableArn], { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['CUSTOMER#*'] } });
    this.userPool.addTrigger(UserPoolOperation.POST_AUTHENTICATION, this.profileSync.function);
  }
}
