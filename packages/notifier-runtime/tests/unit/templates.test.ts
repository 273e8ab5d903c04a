import { CHANNELS, defineChannel } from '@bank/topology';
import { NotifierConfigError } from '../../src/errors';
import { compileTemplate, mergeTemplates, missingTemplates, renderNotification, templateContext, templatesFromChannels } from '../../src/templates';
import { accountOpenedEvent, depositEvent, transferReceivedEvent, transferSentEvent, withdrawalEvent } from '../support/fixtures';

const declared = templatesFromChannels(CHANNELS);
const channelsWithTemplate = (eventType: string) => CHANNELS.filter((c) => c.templates[eventType]).map((c) => c.name);

describe('templates from the channel declarations', () => {
  it('compile for every declared channel and event type', () => {
    for (const channel of CHANNELS) {
      for (const eventType of channel.eventTypes) expect(declared[eventType]?.[channel.name]).toEqual(expect.any(Function));
    }
  });

  it('render a deposit email in the brief wording', () => {
    expect(renderNotification(depositEvent(), 'email', declared)).toMatchObject({
      subject: 'Transaction Confirmation',
      body: 'Your deposit of $1000 was successful. Your new balance is $5000.',
    });
  });

  it('render a withdrawal email', () => {
    expect(renderNotification(withdrawalEvent(), 'email', declared)).toMatchObject({
      subject: 'Transaction Confirmation',
      body: 'Your withdrawal of $500 was successful. Your new balance is $4500.',
    });
  });

  it('render the brief withdrawal alert on the channels that declare it, without a subject', () => {
    const alerts = CHANNELS.filter((c) => c.templates.MoneyWithdrawn?.body.startsWith('Alert:'));
    expect(alerts.length).toBeGreaterThan(0);
    for (const channel of alerts) {
      const rendered = renderNotification(withdrawalEvent(), channel.name, declared);
      expect(rendered?.body).toBe('Alert: $500 withdrawn from your account. Available balance: $4500.');
      expect(rendered?.subject).toBeUndefined();
    }
  });

  it('name the other account of a transfer by its last four digits', () => {
    expect(renderNotification(transferSentEvent(), 'sms', declared)?.body).toBe('Alert: $250 sent to account ending 4321. Available balance: $4250.');
    expect(renderNotification(transferReceivedEvent(), 'sms', declared)?.body).toBe('Alert: $250 received from account ending 4321. Available balance: $4500.');
    expect(renderNotification(transferSentEvent(), 'email', declared)?.body).toBe(
      'Your transfer of $250 to account ending 4321 was successful. Your new balance is $4250.',
    );
  });

  it('print cents only when there are some', () => {
    expect(renderNotification(depositEvent('01HZCENTS', 1050, 501_050), 'sms', declared)?.body).toBe(
      'Alert: $10.50 deposited to your account. Available balance: $5010.50.',
    );
  });

  it('have nothing for an event a channel declares null, or a channel that is not declared', () => {
    for (const channel of CHANNELS.filter((c) => c.templates.AccountOpened === null)) {
      expect(renderNotification(accountOpenedEvent(), channel.name, declared)).toBeUndefined();
    }
    expect(renderNotification(depositEvent(), 'pigeon', declared)).toBeUndefined();
  });

  it('give providers the values as variables and ids as data', () => {
    const rendered = renderNotification(transferSentEvent(), channelsWithTemplate('TransferSent')[0] ?? '', declared);
    expect(rendered?.variables).toEqual({
      eventType: 'TransferSent',
      amount: '$250',
      balance: '$4250',
      accountSuffix: '6789',
      counterpartyAccountId: '987654321',
      counterpartySuffix: '4321',
    });
    expect(rendered?.data).toEqual({ eventType: 'TransferSent', accountSuffix: '6789', transactionId: transferSentEvent().id });
  });
});

describe('compileTemplate', () => {
  it('fills subject, title and body', () => {
    const template = compileTemplate({ subject: 'S {amount}', title: 'T {accountSuffix}', body: 'B {balance}' }, 'x/MoneyDeposited');
    expect(template(templateContext(depositEvent(), 'x'))).toEqual({ subject: 'S $1000', title: 'T 6789', body: 'B $5000' });
  });

  it('refuses a placeholder it cannot fill, naming the template', () => {
    expect(() => compileTemplate({ body: 'Hi {name}' }, 'x/MoneyDeposited')).toThrow(NotifierConfigError);
    expect(() => compileTemplate({ body: 'Hi {name}' }, 'x/MoneyDeposited')).toThrow('template x/MoneyDeposited body uses {name}');
  });
});

describe('missingTemplates', () => {
  it('finds the event types a channel subscribes to without a template', () => {
    const channel = { ...defineChannel({ name: 'x', notifier: 'n', address: { kind: 'registry', registry: 'r' }, templates: { MoneyDeposited: { body: 'b' } } }), eventTypes: ['MoneyDeposited', 'MoneyWithdrawn'] };
    expect(missingTemplates([channel], templatesFromChannels([channel]))).toEqual([{ channel: 'x', eventType: 'MoneyWithdrawn' }]);
  });

  it('finds none in the declared channels', () => {
    expect(missingTemplates(CHANNELS, declared)).toEqual([]);
  });
});

describe('mergeTemplates', () => {
  it('overrides one (event type, channel) and keeps the others', () => {
    const templates = mergeTemplates(declared, { MoneyDeposited: { sms: (c) => ({ body: `+${c.amount}` }) } });
    expect(renderNotification(depositEvent(), 'sms', templates)?.body).toBe('+$1000');
    expect(renderNotification(depositEvent(), 'email', templates)?.subject).toBe('Transaction Confirmation');
    expect(renderNotification(withdrawalEvent(), 'sms', templates)?.body).toContain('withdrawn');
  });

  it('can switch a declared template off with null', () => {
    const templates = mergeTemplates(declared, { MoneyDeposited: { whatsapp: null } });
    expect(renderNotification(depositEvent(), 'whatsapp', templates)).toBeUndefined();
  });
});
