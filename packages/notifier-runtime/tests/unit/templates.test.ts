import { DEFAULT_TEMPLATES, mergeTemplates, renderNotification } from '../../src/templates';
import { accountOpenedEvent, depositEvent, transferReceivedEvent, transferSentEvent, withdrawalEvent } from '../support/fixtures';

describe('default templates', () => {
  it('renders a deposit email in the brief wording', () => {
    expect(renderNotification(depositEvent(), 'email')).toMatchObject({
      subject: 'Transaction Confirmation',
      body: 'Your deposit of $1000 was successful. Your new balance is $5000.',
    });
  });

  it('renders a withdrawal email', () => {
    expect(renderNotification(withdrawalEvent(), 'email')).toMatchObject({
      subject: 'Transaction Confirmation',
      body: 'Your withdrawal of $500 was successful. Your new balance is $4500.',
    });
  });

  it.each(['sms', 'whatsapp'])('renders a withdrawal alert on %s without subject', (channel) => {
    const rendered = renderNotification(withdrawalEvent(), channel);
    expect(rendered?.body).toBe('Alert: $500 withdrawn from your account. Available balance: $4500.');
    expect(rendered?.subject).toBeUndefined();
  });

  it.each(['sms', 'whatsapp'])('renders a deposit alert on %s', (channel) => {
    expect(renderNotification(depositEvent(), channel)?.body).toBe('Alert: $1000 deposited to your account. Available balance: $5000.');
  });

  it('renders transfers both ways', () => {
    expect(renderNotification(transferSentEvent(), 'sms')?.body).toBe('Alert: $250 sent to account 987654321. Available balance: $4250.');
    expect(renderNotification(transferReceivedEvent(), 'sms')?.body).toBe('Alert: $250 received from account 987654321. Available balance: $4500.');
    expect(renderNotification(transferSentEvent(), 'email')).toMatchObject({
      subject: 'Transaction Confirmation',
      body: 'Your transfer of $250 to account 987654321 was successful. Your new balance is $4250.',
    });
    expect(renderNotification(transferReceivedEvent(), 'email')?.body).toBe(
      'You received a transfer of $250 from account 987654321. Your new balance is $4500.',
    );
  });

  it('prints cents only when there are some', () => {
    expect(renderNotification(depositEvent('01HZCENTS', 1050, 501_050), 'sms')?.body).toBe(
      'Alert: $10.50 deposited to your account. Available balance: $5010.50.',
    );
  });

  it('welcomes by email on AccountOpened and has nothing for sms or whatsapp', () => {
    expect(renderNotification(accountOpenedEvent(), 'email')).toMatchObject({
      subject: 'Welcome',
      body: 'Welcome! Your checking account ending in 6789 is now open. Your balance is $100.',
    });
    expect(renderNotification(accountOpenedEvent(), 'sms')).toBeUndefined();
    expect(renderNotification(accountOpenedEvent(), 'whatsapp')).toBeUndefined();
  });

  it('has no template for a channel it does not know', () => {
    expect(renderNotification(depositEvent(), 'push')).toBeUndefined();
  });

  it('provides the values as variables for provider templates', () => {
    expect(renderNotification(transferSentEvent(), 'whatsapp')?.variables).toEqual({
      eventType: 'TransferSent',
      amount: '$250',
      balance: '$4250',
      accountSuffix: '6789',
      counterpartyAccountId: '987654321',
    });
  });
});

describe('mergeTemplates', () => {
  it('overrides one (event type, channel) and keeps the others', () => {
    const templates = mergeTemplates(DEFAULT_TEMPLATES, { MoneyDeposited: { sms: (c) => ({ body: `+${c.amount}` }) } });
    expect(renderNotification(depositEvent(), 'sms', templates)?.body).toBe('+$1000');
    expect(renderNotification(depositEvent(), 'email', templates)?.subject).toBe('Transaction Confirmation');
    expect(renderNotification(withdrawalEvent(), 'sms', templates)?.body).toContain('withdrawn');
  });

  it('can switch a default off with null', () => {
    const templates = mergeTemplates(DEFAULT_TEMPLATES, { MoneyDeposited: { whatsapp: null } });
    expect(renderNotification(depositEvent(), 'whatsapp', templates)).toBeUndefined();
  });
});
