import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildTopology } from '@bank/topology';
import { PluginDeclarationError } from '../../src/errors';
import { withPluginEnvironment } from '../../src/http-api';
import { notifierSecrets, ProviderSecrets, type NotifierPlugins } from '../../src/provider-secrets';

const topology = buildTopology();
const declared: NotifierPlugins = (notifier) =>
  notifier.name === topology.notifiers[0]?.name
    ? [{ secrets: [{ name: 'acme-mail', keys: ['apiKey'] }] }, { secrets: [{ name: 'shared', keys: ['user'] }] }]
    : [{ secrets: [{ name: 'shared', keys: ['user', 'password'] }] }, {}];

describe('notifierSecrets', () => {
  it('is the union of what the notifier plugins declare, one per secret name', () => {
    const second = topology.notifiers[1];
    if (!second) throw new Error('the topology has one notifier only');
    expect(notifierSecrets(second, declared)).toEqual([{ name: 'shared', keys: ['password', 'user'] }]);
  });
});

describe('ProviderSecrets', () => {
  it('creates one placeholder secret per declared name, with every declared key', () => {
    const stack = new Stack(new App(), 'Secrets');
    const secrets = new ProviderSecrets(stack, 'ProviderSecrets', { topology, plugins: declared });
    const template = Template.fromStack(stack);

    expect(Object.keys(secrets.byProvider).sort()).toEqual(['acme-mail', 'shared']);
    template.resourceCountIs('AWS::SecretsManager::Secret', 2);
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'bank/providers/shared',
      GenerateSecretString: { SecretStringTemplate: JSON.stringify({ password: 'unset' }), GenerateStringKey: 'user' },
    });
  });

  it("gives the API the public keys plugins declare (apiEnv) as deploy-time references, and nothing for the others", () => {
    const stack = new Stack(new App(), 'Secrets');
    const withPublic: NotifierPlugins = (notifier) =>
      notifier.name === topology.notifiers[0]?.name ? [{ secrets: [{ name: 'acme-push', keys: ['publicKey', 'privateKey'], apiEnv: { ACME_PUBLIC_KEY: 'publicKey' } }] }] : [];
    const secrets = new ProviderSecrets(stack, 'ProviderSecrets', { topology, plugins: withPublic });
    expect(Object.keys(secrets.apiEnvironment)).toEqual(['ACME_PUBLIC_KEY']);
    const resolved = JSON.stringify(Stack.of(stack).resolve(secrets.apiEnvironment.ACME_PUBLIC_KEY));
    expect(resolved).toMatch(/resolve:secretsmanager/);
    expect(resolved).toMatch(/SecretString:publicKey/);
    expect(new ProviderSecrets(new Stack(new App(), 'Other'), 'ProviderSecrets', { topology, plugins: declared }).apiEnvironment).toEqual({});
  });
});

describe('withPluginEnvironment', () => {
  it("adds the plugins' variables to the API's own", () => {
    expect(withPluginEnvironment({ ACCOUNTS_TABLE: 't' }, { VAPID_PUBLIC_KEY: 'k' })).toEqual({ ACCOUNTS_TABLE: 't', VAPID_PUBLIC_KEY: 'k' });
  });

  it.each(['ACCOUNTS_TABLE', 'NODE_OPTIONS', 'AWS_REGION'])('refuses a plugin variable that would replace %s', (name) => {
    expect(() => withPluginEnvironment({ ACCOUNTS_TABLE: 't' }, { [name]: 'x' })).toThrow(PluginDeclarationError);
  });
});
