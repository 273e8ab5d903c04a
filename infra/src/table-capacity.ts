import { StackPropsError } from './errors';

/** Capacity units a table (and each of its indexes) may scale between. */
export interface UnitRange {
  readonly min: number;
  readonly max: number;
}

/**
 * Provisioned capacity with target-tracking auto scaling, for a table under steady traffic: at a
 * 70 % target, a write costs about 40 % of its on-demand price (us-east-1: $0.00065 per
 * WCU-hour, 3600 writes at full use, against $0.625 per million WRU), and a read likewise. What
 * it trades: the minimum is billed while idle, and a burst faster than auto scaling follows (it
 * reacts within minutes; unused capacity of the last 5 minutes absorbs short bursts) is
 * throttled; the SDK's retries then add latency and, past them, the API answers 503.
 */
export interface ProvisionedCapacity {
  readonly readUnits: UnitRange;
  readonly writeUnits: UnitRange;
  /** The utilisation auto scaling keeps each table and index at, 20–90 (default 70). */
  readonly targetUtilizationPercent?: number;
}

/** Which tables run provisioned; a table not named stays on demand (the default for all). */
export interface TableCapacity {
  readonly accounts?: ProvisionedCapacity;
  readonly deliveries?: ProvisionedCapacity;
  readonly riskWindows?: ProvisionedCapacity;
}

export const DEFAULT_TARGET_UTILIZATION = 70;
const TABLES = ['accounts', 'deliveries', 'riskWindows'] as const;
type TableName = (typeof TABLES)[number];

/** A checked setting: each table's capacity, or undefined for on demand. */
export type CheckedTableCapacity = Readonly<Record<TableName, Required<ProvisionedCapacity> | undefined>>;

function unitRange(value: unknown, where: string): UnitRange {
  const range = (value ?? {}) as Record<string, unknown>;
  const { min, max } = range;
  if (typeof min !== 'number' || typeof max !== 'number' || !Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min) {
    throw new StackPropsError(`tableCapacity ${where} needs whole numbers 1 <= min <= max, got ${JSON.stringify(value)}`);
  }
  return { min, max };
}

/** Checks a capacity setting (from props or from `-c tableCapacity=<json>`), filling the default target. */
export function tableCapacityOf(value: unknown): CheckedTableCapacity {
  if (value === undefined) return { accounts: undefined, deliveries: undefined, riskWindows: undefined };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new StackPropsError('tableCapacity must be an object naming tables');
  const given = value as Record<string, unknown>;
  const unknown = Object.keys(given).filter((name) => !(TABLES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new StackPropsError(`tableCapacity names no such table: ${unknown.join(', ')} (tables: ${TABLES.join(', ')})`);
  const provisioned = (name: TableName): Required<ProvisionedCapacity> | undefined => {
    const table = given[name];
    if (table === undefined) return undefined;
    if (typeof table !== 'object' || table === null) throw new StackPropsError(`tableCapacity ${name} must be an object with readUnits and writeUnits`);
    const { readUnits, writeUnits, targetUtilizationPercent } = table as Record<string, unknown>;
    const target = targetUtilizationPercent ?? DEFAULT_TARGET_UTILIZATION;
    if (typeof target !== 'number' || target < 20 || target > 90) {
      throw new StackPropsError(`tableCapacity ${name}.targetUtilizationPercent must be 20-90 (DynamoDB auto scaling's range), got ${JSON.stringify(target)}`);
    }
    return { readUnits: unitRange(readUnits, `${name}.readUnits`), writeUnits: unitRange(writeUnits, `${name}.writeUnits`), targetUtilizationPercent: target };
  };
  return { accounts: provisioned('accounts'), deliveries: provisioned('deliveries'), riskWindows: provisioned('riskWindows') };
}

/** `-c tableCapacity='{"accounts":{...}}'`: the CLI gives context values as strings. */
export function parseTableCapacity(text: string): TableCapacity {
  try {
    return JSON.parse(text) as TableCapacity;
  } catch {
    throw new StackPropsError(`tableCapacity is not JSON: ${text}`);
  }
}
