import type { MessageStore } from '../message-store';
import type { OptOutList } from '../opt-out-list';

/** What a provider route answers; the HTTP layer writes it as JSON. */
export interface ProviderReply {
  status: number;
  headers?: Record<string, string>;
  /** Omitted = empty body. */
  body?: unknown;
}

export interface ProviderDeps {
  store: MessageStore;
  optOuts: OptOutList;
  now: () => Date;
}
