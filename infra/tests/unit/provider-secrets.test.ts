import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildTopology } from '@bank/topology';
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
});
