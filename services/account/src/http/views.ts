import { toMajorUnits } from '@bank/money';
import type { CustomerOverview, HeldDebit, MovementResult, TransferResult } from '../domain/account-service';
import type { Account, Hold, StoredResponse, TransactionPage } from '../domain/model';

/** Response bodies. Amounts leave the system here, as major-unit JSON numbers. */

export const json = (statusCode: number, body: unknown): StoredResponse => ({ statusCode, body: JSON.stringify(body) });

export function accountView(account: Account) {
  return {
    accountId: account.accountId,
    status: account.status,
    balance: toMajorUnits(account.balance),
    availableBalance: toMajorUnits(account.balance - account.held),
    currency: account.currency,
    notifications: account.notifications,
    createdAt: account.createdAt,
  };
}

/** `GET /me`: the identity's profile as the bank holds it (DESIGN.md section 3 field names). */
export function meView({ profile, accountIds }: CustomerOverview) {
  const email = profile.contacts.email;
  const phone = profile.contacts.phone;
  return {
    customerId: profile.customerId,
    name: profile.name ?? null,
    email: email?.value ?? null,
    emailVerified: email?.verified ?? false,
    phone: phone?.value ?? null,
    phoneVerified: phone?.verified ?? false,
    accounts: accountIds,
  };
}

export function movementView(message: string, result: MovementResult) {
  return {
    message,
    newBalance: toMajorUnits(result.newBalance),
    transactionId: result.transactionId,
    accountId: result.accountId,
    amount: toMajorUnits(result.amount),
    currency: result.currency,
    timestamp: result.timestamp,
  };
}

export function transferView(result: TransferResult) {
  return {
    message: 'Transfer successful.',
    newBalance: toMajorUnits(result.newBalance),
    transactionId: result.transactionId,
    fromAccountId: result.accountId,
    toAccountId: result.toAccountId,
    transferId: result.transferId,
    amount: toMajorUnits(result.amount),
    currency: result.currency,
    timestamp: result.timestamp,
  };
}

export function historyView(page: TransactionPage) {
  return {
    items: page.items.map((t) => ({
      transactionId: t.transactionId,
      type: t.type,
      amount: toMajorUnits(t.amount),
      balanceAfter: toMajorUnits(t.balanceAfter),
      currency: t.currency,
      timestamp: t.timestamp,
      // The sender chose the destination; a recipient is shown only the sender's last digits.
      ...(t.counterpartyAccountId && t.type === 'TRANSFER_OUT' ? { counterpartyAccountId: t.counterpartyAccountId } : {}),
      ...(t.counterpartyAccountId && t.type === 'TRANSFER_IN' ? { counterpartyAccountSuffix: t.counterpartyAccountId.slice(-4) } : {}),
    })),
    nextCursor: page.nextCursor,
  };
}

/** A debit held for review (202): the money left the available balance, the balance did not move. */
export function heldView({ hold }: HeldDebit) {
  return {
    status: 'PENDING_REVIEW',
    holdId: hold.holdId,
    accountId: hold.accountId,
    amount: toMajorUnits(hold.amount),
    availableBalance: toMajorUnits(hold.availableAfter),
    currency: hold.currency,
    expiresAt: hold.expiresAt,
  };
}

/** A review hold as operators list and decide it (DESIGN.md section 10). */
export function holdView(hold: Hold) {
  return {
    holdId: hold.holdId,
    accountId: hold.accountId,
    type: hold.debitType,
    amount: toMajorUnits(hold.amount),
    currency: hold.currency,
    status: hold.status,
    createdAt: hold.createdAt,
    expiresAt: hold.expiresAt,
    ...(hold.counterpartyAccountId ? { toAccountId: hold.counterpartyAccountId } : {}),
    ...(hold.decidedAt ? { decidedAt: hold.decidedAt } : {}),
    ...(hold.reason ? { reason: hold.reason } : {}),
    ...(hold.transactionId ? { transactionId: hold.transactionId } : {}),
  };
}
