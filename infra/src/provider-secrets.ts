import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export type Provider = 'sendgrid' | 'twilio';

export interface ProviderSecretSpec {
  /** Secrets Manager name operators put the real value into. */
  readonly secretName: string;
  /** Environment variable through which a notifier learns the secret's ARN (never its value). */
  readonly envVar: string;
  /** Shape of the placeholder JSON; the generated field is replaced by the real credential. */
  readonly template: Readonly<Record<string, string>>;
  readonly generatedKey: string;
}

export const PROVIDER_SECRETS: Readonly<Record<Provider, ProviderSecretSpec>> = {
  sendgrid: { secretName: 'bank/providers/sendgrid', envVar: 'SENDGRID_SECRET_ARN', template: {}, generatedKey: 'apiKey' },
  twilio: {
    secretName: 'bank/providers/twilio',
    envVar: 'TWILIO_SECRET_ARN',
    template: { accountSid: 'AC00000000000000000000000000000000' },
    generatedKey: 'authToken',
  },
};

/**
 * Which providers' credentials a channel's notifier needs. The topology does not say yet, so it
 * lives here; a channel missing from this map (e.g. a future push channel) gets no secret.
 */
export const CHANNEL_PROVIDERS: Readonly<Record<string, readonly Provider[]>> = {
  email: ['sendgrid'],
  sms: ['twilio'],
  whatsapp: ['twilio'],
};

/** Placeholder secrets (random values) that operators overwrite with `put-secret-value`. */
export class ProviderSecrets extends Construct {
  readonly byProvider: Readonly<Record<Provider, Secret>>;

  /** `encryptionKey`: customer-managed key of every secret (default: the account's aws/secretsmanager key). */
  constructor(scope: Construct, id: string, options: { readonly encryptionKey?: IKey } = {}) {
    super(scope, id);
    const create = (provider: Provider): Secret => {
      const spec = PROVIDER_SECRETS[provider];
      return new Secret(this, provider, {
        secretName: spec.secretName,
        description: `${provider} credentials for the notifiers (placeholder until an operator sets it)`,
        ...(options.encryptionKey ? { encryptionKey: options.encryptionKey } : {}),
        generateSecretString: {
          secretStringTemplate: JSON.stringify(spec.template),
          generateStringKey: spec.generatedKey,
          excludePunctuation: true,
        },
      });
    };
    this.byProvider = { sendgrid: create('sendgrid'), twilio: create('twilio') };
  }
}
