/** The sandbox's captured-messages API (GET /api/messages), the fields the benchmarks read. */
export interface CapturedMessage {
  readonly channel: string;
  readonly to: string;
  readonly body: string;
  /** ISO 8601, stamped by the sandbox when it accepted the provider call. */
  readonly receivedAt: string;
}

export async function capturedMessages(sandboxUrl: string, query = ''): Promise<CapturedMessage[]> {
  const res = await fetch(`${sandboxUrl}/api/messages${query}`);
  if (!res.ok) throw new Error(`sandbox answered HTTP ${res.status}`);
  return ((await res.json()) as { messages: CapturedMessage[] }).messages;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
