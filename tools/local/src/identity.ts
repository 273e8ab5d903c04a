import {
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GroupExistsException,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { IdentityDef } from '@bank/topology';

export interface ProvisionedIdentity {
  readonly userPoolId: string;
  readonly clientId: string;
}

/**
 * Creates (or finds, on a long-running emulator) the user pool, its app client and the operators
 * group from the same definition the CDK stack deploys: sign-in by email, Cognito-verified email
 * and phone, the password policy, `USER_PASSWORD_AUTH` + SRP + refresh tokens.
 */
export async function provisionIdentity(client: CognitoIdentityProviderClient, identity: IdentityDef): Promise<ProvisionedIdentity> {
  const pools = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  let userPoolId = pools.UserPools?.find((p) => p.Name === identity.userPoolName)?.Id;
  if (!userPoolId) {
    const policy = identity.passwordPolicy;
    const created = await client.send(
      new CreateUserPoolCommand({
        PoolName: identity.userPoolName,
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email', 'phone_number'],
        MfaConfiguration: 'OPTIONAL',
        Policies: {
          PasswordPolicy: {
            MinimumLength: policy.minLength,
            RequireLowercase: policy.requireLowercase,
            RequireUppercase: policy.requireUppercase,
            RequireNumbers: policy.requireDigits,
            RequireSymbols: policy.requireSymbols,
            TemporaryPasswordValidityDays: policy.temporaryPasswordValidityDays,
          },
        },
      }),
    );
    userPoolId = created.UserPool?.Id ?? '';
  }
  const clients = await client.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
  let clientId = clients.UserPoolClients?.find((c) => c.ClientName === identity.appClientName)?.ClientId;
  if (!clientId) {
    const created = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: identity.appClientName,
        GenerateSecret: false,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        PreventUserExistenceErrors: 'ENABLED',
        AccessTokenValidity: identity.tokenValidity.accessMinutes,
        IdTokenValidity: identity.tokenValidity.idMinutes,
        RefreshTokenValidity: identity.tokenValidity.refreshDays,
        TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
      }),
    );
    clientId = created.UserPoolClient?.ClientId ?? '';
  }
  try {
    await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: identity.operatorsGroup, Description: 'Bank operators' }));
  } catch (err) {
    if (!(err instanceof GroupExistsException)) throw err;
  }
  return { userPoolId, clientId };
}
