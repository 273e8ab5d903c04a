import { UsageError } from '../errors';

const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d+)([smhd])$/;

/** Parses `--older-than` values: `30s`, `15m`, `1h`, `2d` → milliseconds. */
export function parseDuration(text: string): number {
  const match = DURATION.exec(text.trim());
  const unit = match?.[2] ? UNIT_MS[match[2]] : undefined;
  if (!match?.[1] || unit === undefined) throw new UsageError(`invalid duration "${text}" (use e.g. 30s, 15m, 1h, 2d)`);
  return Number(match[1]) * unit;
}

/** Compact human age: `42s`, `5m`, `3h 12m`, `2d 4h`. Negative ages (clock skew) print as `0s`. */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours}h ${minutes % 60}m` : `${hours}h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days}d ${hours % 24}h` : `${days}d`;
}

/** Parses an ISO 8601 timestamp flag (`--from`, `--to`). */
export function parseIsoTime(text: string, flag: string): Date {
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(ms)) throw new UsageError(`${flag} must be an ISO 8601 time, e.g. 2025-01-31T12:00:00Z (got "${text}")`);
  return new Date(ms);
}
