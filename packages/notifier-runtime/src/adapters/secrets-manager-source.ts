import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { NotifierConfigError } from '../errors';
import type { SecretSource } from '../provider-secrets';

/** SecretSource on AWS Secrets Manager; secrets hold a JSON object. */
export class SecretsManagerSource implements SecretSource {
  constructor(private readonly client: SecretsManagerClient = new SecretsManagerClient({})) {}

  async getSecretJson(secretId: string): Promise<Readonly<Record<string, unknown>>> {
    const out = await this.client.send(new GetSecretValueCommand({ SecretId: secretId }));
    let parsed: unknown;
    try {
      parsed = JSON.parse(out.SecretString ?? '');
    } catch (error) {
      // The message names the secret, never its content.
      throw new NotifierConfigError(`secret ${secretId} is not a JSON object`, { cause: error });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new NotifierConfigError(`secret ${secretId} is not a JSON object`);
    }
    return parsed as Record<string, unknown>;
  }
}
