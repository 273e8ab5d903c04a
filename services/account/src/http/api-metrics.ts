/** What the API reports per request; the Powertools EMF adapter turns it into CloudWatch metrics. */
export interface ApiMetrics {
  /** A completed (or replayed) command: `Transactions` by route. */
  transaction(route: string, replayed: boolean): void;
  /** A refused request: `Rejections` by problem code. */
  rejection(code: string): void;
}

export const noMetrics: ApiMetrics = { transaction: () => undefined, rejection: () => undefined };
