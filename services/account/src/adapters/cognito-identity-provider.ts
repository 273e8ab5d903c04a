import { AdminGetUserCommand, UserNotFoundException, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { IDENTITY } from '@bank/topology';
import type { Contact, CustomerProfile } from '../domain/model';
import type { IdentityProvider } from '../domain/ports';

type Attributes = Readonly<Record<string, string>>;

/** Cognito attributes → the bank's profile: `sub`, `name`, and each declared contact with its `*_verified` flag. */
export function profileFromAttributes(attributes: Attributes): Omit<CustomerProfile, 'updatedAt'> | undefined {
  const customerId = attributes.sub;
  if (!customerId) return undefined;
  const contacts: Record<string, Contact> = {};
  for (const [name, { attribute, verifiedAttribute }] of Object.entries(IDENTITY.contactAttributes)) {
    const value = attributes[attribute];
    if (value) contacts[name] = { value, verified: attributes[verifiedAttribute] === 'true' };
  }
  return { customerId, ...(attributes.name ? { name: attributes.name } : {}), contacts };
}

/** IdentityProvider on the Cognito user pool's admin API (`AdminGetUser`, IAM-authorized). */
export class CognitoIdentityProvider implements IdentityProvider {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  async lookup(username: string): Promise<Omit<CustomerProfile, 'updatedAt'> | undefined> {
    try {
      const out = await this.client.send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: username }));
      const attributes = Object.fromEntries((out.UserAttributes ?? []).flatMap((a) => (a.Name && a.Value !== undefined ? [[a.Name, a.Value]] : [])));
      if (out.Enabled === false) return undefined;
      return profileFromAttributes(attributes);
    } catch (err) {
      if (err instanceof UserNotFoundException) return undefined;
      throw err;
    }
  }
}
