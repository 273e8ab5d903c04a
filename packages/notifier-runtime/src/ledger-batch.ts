import type { ClaimRequest, ClaimResult, DeliveryLedger, SentEntry } from './ports';

/** How long a record that is ready waits for siblings still at work (a slow provider) before its request goes without them. */
const DEFAULT_MAX_WAIT_MS = 50;

interface Waiting<Request, Answer> {
  readonly request: Request;
  resolve(answer: Answer): void;
  reject(error: unknown): void;
}

class Window<Request, Answer> {
  private readonly waiting: Waiting<Request, Answer>[] = [];

  constructor(private readonly send: (requests: readonly Request[]) => Promise<readonly Answer[]>) {}

  get size(): number {
    return this.waiting.length;
  }

  add(request: Request): Promise<Answer> {
    return new Promise((resolve, reject) => this.waiting.push({ request, resolve, reject }));
  }

  flush(): void {
    const batch = this.waiting.splice(0);
    if (batch.length === 0) return;
    this.send(batch.map((w) => w.request)).then(
      (answers) =>
        batch.forEach((w, i) => {
          const answer = answers[i];
          if (answer === undefined) w.reject(new Error(`the ledger answered ${answers.length} of ${batch.length} requests`));
          else w.resolve(answer);
        }),
      (error: unknown) => batch.forEach((w) => w.reject(error)),
    );
  }
}

/**
 * The delivery ledger as the records of one SQS batch see it: their claims, and their SENT
 * records, reach the store together (`claimAll`, `markAllSent`) instead of one request per record.
 * A window closes as soon as every record still running is waiting in one (so a lone record waits
 * for nothing), or `maxWaitMs` after a record started waiting (a sibling stuck on a slow provider
 * holds the others up no longer). Ledgers without the batch methods, and every other call, pass
 * straight through.
 *
 * @example
 * const batch = new LedgerBatch(ledger);
 * await Promise.all(records.map((record) => batch.run(() => processRecord(record, { ...ports, ledger: batch.ledger }))));
 */
export class LedgerBatch {
  readonly ledger: DeliveryLedger;
  private running = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private checking = false;
  private readonly windows: { readonly size: number; flush(): void }[] = [];

  constructor(inner: DeliveryLedger, private readonly maxWaitMs = DEFAULT_MAX_WAIT_MS) {
    const claimAll = inner.claimAll?.bind(inner);
    const markAllSent = inner.markAllSent?.bind(inner);
    const claims = claimAll ? this.window<ClaimRequest, ClaimResult>(claimAll) : undefined;
    const sent = markAllSent ? this.window<SentEntry, boolean>(markAllSent) : undefined;
    this.ledger = {
      claim: (request) => (claims ? this.enqueue(claims, request) : inner.claim(request)),
      markSent: (key, update) => (sent ? this.enqueue(sent, { key, update }) : inner.markSent(key, update)),
      markSkipped: (key, update) => inner.markSkipped(key, update),
      markFailed: (key, update) => inner.markFailed(key, update),
      release: (key, update) => inner.release(key, update),
    };
  }

  /** Runs one record's work, so the windows know how many records may still join them. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
      this.scheduleCheck();
    }
  }

  private window<Request, Answer>(send: (requests: readonly Request[]) => Promise<readonly Answer[]>): Window<Request, Answer> {
    const window = new Window(send);
    this.windows.push(window);
    return window;
  }

  private enqueue<Request, Answer>(window: Window<Request, Answer>, request: Request): Promise<Answer> {
    const answer = window.add(request);
    this.scheduleCheck();
    return answer;
  }

  /**
   * After the current turn: the records of a batch start one after another in one synchronous
   * pass, so the first to reach the ledger must not count the others as finished.
   */
  private scheduleCheck(): void {
    if (this.checking) return;
    this.checking = true;
    setImmediate(() => {
      this.checking = false;
      this.check();
    });
  }

  private check(): void {
    const waiting = this.windows.reduce((sum, w) => sum + w.size, 0);
    if (waiting === 0) return this.stopTimer();
    if (waiting >= this.running) return this.flush();
    this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
  }

  private flush(): void {
    this.stopTimer();
    for (const window of this.windows) window.flush();
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
