import type { MessageStore } from '../message-store';
import type { OptOutList } from '../opt-out-list';
import type { StatusCallbackSender } from '../status-callbacks/callback-sender';

/** What a provider route answers; the HTTP layer writes it as JSON. */
export interface ProviderReply {
  status: number;
  headers?: Record<string, string>;
  /** Omitted = empty body. */
  body?: unknown;
  /** Hold the answer this long (the message is accepted, and may be reported, already). */
  answerAfterMs?: number;
}

export interface ProviderDeps {
  store: MessageStore;
  optOuts: OptOutList;
  now: () => Date;
  /** Reports each accepted message's status back, as the provider would; none in unit tests. */
  callbacks?: StatusCallbackSender;
}
