/**
 * Captures what the handlers log. Powertools Logger prints through its own `Console` bound to
 * `process.stdout`/`process.stderr` (not Jest's console), so the streams' `write` is what to tap.
 * JSON lines are kept and swallowed; anything else passes through unchanged.
 */
export interface LogCapture {
  /** Every captured line, raw. */
  readonly lines: string[];
  /** The captured lines that are JSON objects. */
  records(): Record<string, unknown>[];
  stop(): void;
}

type Write = typeof process.stdout.write;

function tap(stream: NodeJS.WriteStream, lines: string[]): () => void {
  const original = stream.write;
  let pending = '';
  const replacement = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : undefined;
    if (text === undefined) return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
    pending += text;
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    const passThrough: string[] = [];
    for (const line of parts) {
      if (line.trimStart().startsWith('{')) lines.push(line);
      else passThrough.push(line);
    }
    if (passThrough.length > 0) (original as (...args: unknown[]) => boolean).call(stream, `${passThrough.join('\n')}\n`);
    const callback = rest.find((r): r is () => void => typeof r === 'function');
    callback?.();
    return true;
  } as Write;
  stream.write = replacement;
  return () => {
    if (pending) lines.push(pending);
    stream.write = original;
  };
}

export function captureLogs(): LogCapture {
  const lines: string[] = [];
  const restore = [tap(process.stdout, lines), tap(process.stderr, lines)];
  return {
    lines,
    records: () =>
      lines.flatMap((line) => {
        try {
          const value: unknown = JSON.parse(line);
          return typeof value === 'object' && value !== null && !Array.isArray(value) ? [value as Record<string, unknown>] : [];
        } catch {
          return [];
        }
      }),
    stop: () => restore.forEach((r) => r()),
  };
}
