import path from 'node:path';
import { apiEnvOf, secretsOf, type ChannelPlugin, type SecretRequirement } from '@bank/plugin-sdk';
import { bundledPlugins } from '@bank/plugin-sdk/bundle';
import type { NotifierDef, Topology } from '@bank/topology';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { REPO_ROOT } from './repo-paths';

/** Secrets Manager name of a provider secret: operators put the real credentials there. */
export const secretNameOf = (secret: string): string => `bank/providers/${secret}`;

/** The plugins a notifier bundles (their `secrets` and their callbacks' `secrets` are what the stack reads). */
export type NotifierPlugins = (notifier: NotifierDef) => readonly Pick<ChannelPlugin<never>, 'secrets' | 'callbacks'>[];

/** The real source: the notifier service's generated plugin map (synth fails if it is stale). */
export const bundledPluginsOf: NotifierPlugins = (notifier) => bundledPlugins(path.join(REPO_ROOT, notifier.dir));

/** The secrets the status callbacks of every notifier's plugins declare (what the delivery-status function reads). */
export function callbackSecrets(topology: Topology, plugins: NotifierPlugins = bundledPluginsOf): SecretRequirement[] {
  return secretsOf(topology.notifiers.flatMap((notifier) => plugins(notifier)).flatMap((plugin) => (plugin.callbacks ? [plugin.callbacks] : [])));
}

/** The secrets a notifier's plugins declare, one per name with the union of their keys. */
export function notifierSecrets(notifier: NotifierDef, plugins: NotifierPlugins = bundledPluginsOf): SecretRequirement[] {
  return secretsOf(plugins(notifier));
}

export interface ProviderSecretsProps {
  readonly topology: Topology;
  readonly plugins?: NotifierPlugins;
  /** Customer-managed key of every secret (default: the account's aws/secretsmanager key). */
  readonly encryptionKey?: IKey;
}

/**
 * One placeholder secret per secret the notifiers' plugins declare (a JSON object with the declared
 * keys, random values), which operators overwrite with `put-secret-value`. Names no provider: adding
 * a plugin that declares a secret adds the secret.
 */
export class ProviderSecrets extends Construct {
  /** By secret name (`sendgrid`, `twilio`, …). */
  readonly byProvider: Readonly<Record<string, Secret>>;
  /**
   * The public values plugins have the account API serve (`apiEnv` of their secrets), by the
   * API's environment variable: dynamic references resolved when CloudFormation deploys, so the
   * API's role reads no secret (`VAPID_PUBLIC_KEY` when the push plugin is deployed).
   */
  readonly apiEnvironment: Readonly<Record<string, string>>;

  private readonly encryptionKey: IKey | undefined;

  constructor(scope: Construct, id: string, props: ProviderSecretsProps) {
    super(scope, id);
    this.encryptionKey = props.encryptionKey;
    const plugins = props.topology.notifiers.flatMap((notifier) => (props.plugins ?? bundledPluginsOf)(notifier));
    // The notifiers' secrets and the ones their plugins' status callbacks declare (delivery-status reads those).
    const declared = secretsOf([...plugins, ...plugins.flatMap((plugin) => (plugin.callbacks ? [plugin.callbacks] : []))]);
    this.byProvider = Object.fromEntries(declared.map((secret) => [secret.name, this.placeholder(secret)]));
    // Notifier plugins only: a callbacks declaration serves nothing to the API.
    this.apiEnvironment = Object.fromEntries(
      apiEnvOf(plugins).flatMap(({ variable, secret, key }) => {
        const holder = this.byProvider[secret];
        return holder ? [[variable, holder.secretValueFromJson(key).unsafeUnwrap()]] : [];
      }),
    );
  }

  private placeholder(secret: SecretRequirement): Secret {
    const others = secret.keys.slice(0, -1);
    const generated = secret.keys.at(-1) ?? 'value';
    // The construct id is the secret's name, so an existing secret keeps its logical id.
    return new Secret(this, secret.name, {
      secretName: secretNameOf(secret.name),
      description: `${secret.name} provider settings (placeholder until an operator sets it)`,
      ...(this.encryptionKey ? { encryptionKey: this.encryptionKey } : {}),
      generateSecretString: {
        secretStringTemplate: JSON.stringify(Object.fromEntries(others.map((key) => [key, 'unset']))),
        generateStringKey: generated,
        excludePunctuation: true,
      },
    });
  }
}
