/**
 * The identity provider, as data: the Cognito user pool, its app client and the operators group.
 * The CDK stack creates them from this definition and the local stack provisions the same pool
 * in the emulator, so both sign people in the same way.
 */
export interface IdentityDef {
  readonly userPoolName: string;
  readonly appClientName: string;
  /** Members of this group are operators (DESIGN.md section 8). */
  readonly operatorsGroup: string;
  /** The scope every token from `InitiateAuth` carries; API methods require it so API Gateway takes access tokens. */
  readonly accessTokenScope: string;
  readonly passwordPolicy: {
    readonly minLength: number;
    readonly requireLowercase: boolean;
    readonly requireUppercase: boolean;
    readonly requireDigits: boolean;
    readonly requireSymbols: boolean;
    readonly temporaryPasswordValidityDays: number;
  };
  readonly tokenValidity: { readonly accessMinutes: number; readonly idMinutes: number; readonly refreshDays: number };
  /** Cognito attributes that become the bank's copy of a customer's contacts (DESIGN.md section 8). */
  readonly contactAttributes: Readonly<Record<string, { readonly attribute: string; readonly verifiedAttribute: string }>>;
}

export const IDENTITY: IdentityDef = {
  userPoolName: 'bank-customers',
  appClientName: 'bank-api',
  operatorsGroup: 'operators',
  accessTokenScope: 'aws.cognito.signin.user.admin',
  passwordPolicy: {
    minLength: 12,
    requireLowercase: true,
    requireUppercase: true,
    requireDigits: true,
    requireSymbols: true,
    temporaryPasswordValidityDays: 3,
  },
  tokenValidity: { accessMinutes: 60, idMinutes: 60, refreshDays: 30 },
  contactAttributes: {
    email: { attribute: 'email', verifiedAttribute: 'email_verified' },
    phone: { attribute: 'phone_number', verifiedAttribute: 'phone_number_verified' },
  },
};

/** The CloudFormation stack name; `stack-outputs.json` is keyed by it, on AWS and locally. */
export const STACK_NAME = 'CheckingAccounts';
