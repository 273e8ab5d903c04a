/**
 * What a posted money movement answers. Its own module, so that AccountControls (which posts an
 * approved hold's transfer through AccountService) and AccountService share it without importing
 * each other.
 */
export interface MovementResult {
  readonly accountId: string;
  readonly transactionId: string;
  readonly amount: number;
  readonly newBalance: number;
  readonly currency: string;
  readonly timestamp: string;
}

export interface TransferResult extends MovementResult {
  readonly toAccountId: string;
  readonly transferId: string;
  readonly creditTransactionId: string;
}
