/**
 * Backward-compatibility check between two versions of a JSON Schema, used to keep published event
 * schemas stable: every event valid under `previous` must stay valid under `next`, and nothing
 * consumers rely on (a property, a required property) may disappear. Pure: no I/O.
 *
 * Conservative by design: a change it cannot prove safe (a new pattern, an edited anyOf) is
 * reported, because the remedy (publish a new version) is cheap and a broken consumer is not.
 */

type SchemaNode = { readonly [keyword: string]: unknown };

const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'] as const;
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'] as const;
/** Keywords whose compatibility this checker does not reason about: any edit is reported. */
const OPAQUE_KEYWORDS = [
  'allOf', 'anyOf', 'oneOf', 'if', 'then', 'else', 'prefixItems', 'contains', 'patternProperties',
  'dependentRequired', 'dependentSchemas', 'unevaluatedProperties', 'unevaluatedItems', 'uniqueItems',
] as const;

const isNode = (value: unknown): value is SchemaNode => typeof value === 'object' && value !== null && !Array.isArray(value);

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isNode(a) && isNode(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && deepEqual(a[key], b[key]));
  }
  return false;
}

const show = (value: unknown): string => JSON.stringify(value);

function typesOf(schema: SchemaNode): string[] | undefined {
  const type = schema['type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.map(String);
  return undefined;
}

/** Values the schema pins with `const` or `enum`, or undefined when it does not restrict them. */
function allowedValues(schema: SchemaNode): unknown[] | undefined {
  if ('const' in schema) return [schema['const']];
  const values = schema['enum'];
  return Array.isArray(values) ? values : undefined;
}

const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const asNumber = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

class Checker {
  readonly problems: string[] = [];

  compare(previous: unknown, next: unknown, at: string): void {
    if (previous === false) return; // nothing was valid before, so nothing can break
    const report = (message: string): void => {
      this.problems.push(`${at === '' ? '/' : at}: ${message}`);
    };
    if (next === false) return report('no value is valid any more');
    const before: SchemaNode = isNode(previous) ? previous : {};
    const after: SchemaNode = isNode(next) ? next : {};

    this.compareTypes(before, after, report);
    this.compareValues(before, after, report);
    this.compareBounds(before, after, report);
    this.compareStringRules(before, after, report);
    this.compareObjects(before, after, at, report);
    this.compareArrays(before, after, at, report);
    for (const keyword of OPAQUE_KEYWORDS) {
      if (!deepEqual(before[keyword], after[keyword])) report(`${keyword} changed (cannot verify; publish a new version)`);
    }
    if (!deepEqual(before['$ref'], after['$ref'])) report(`$ref changed from ${show(before['$ref'])} to ${show(after['$ref'])}`);
    if ('not' in after && !deepEqual(before['not'], after['not'])) {
      // valid(next) ⊇ valid(previous) exactly when next.not rejects no more than previous.not did.
      if (!('not' in before)) report('"not" constraint added');
      else this.compare(after['not'], before['not'], `${at}/not`);
    }
  }

  private compareTypes(before: SchemaNode, after: SchemaNode, report: (message: string) => void): void {
    const was = typesOf(before);
    const now = typesOf(after);
    if (!now) return;
    if (!was) return report(`type narrowed to ${now.join('|')}`);
    const lost = was.filter((type) => !now.includes(type) && !(type === 'integer' && now.includes('number')));
    if (lost.length > 0) report(`type changed from ${was.join('|')} to ${now.join('|')}`);
  }

  private compareValues(before: SchemaNode, after: SchemaNode, report: (message: string) => void): void {
    if ('const' in after && !deepEqual(before['const'], after['const'])) {
      const was = allowedValues(before);
      const same = was?.length === 1 && deepEqual(was[0], after['const']);
      if (!same) report('const' in before ? `const changed from ${show(before['const'])} to ${show(after['const'])}` : `const ${show(after['const'])} added`);
    }
    const nowEnum = after['enum'];
    if (!Array.isArray(nowEnum)) return;
    const was = allowedValues(before);
    if (!was) return report('enum added');
    const removed = was.filter((value) => !nowEnum.some((allowed) => deepEqual(allowed, value)));
    if (removed.length > 0) report(`enum value(s) removed: ${removed.map(show).join(', ')}`);
  }

  private compareBounds(before: SchemaNode, after: SchemaNode, report: (message: string) => void): void {
    for (const keyword of LOWER_BOUNDS) {
      const was = asNumber(before[keyword]);
      const now = asNumber(after[keyword]);
      if (now === undefined) continue;
      if (was === undefined) report(`${keyword} ${now} added`);
      else if (now > was) report(`${keyword} raised from ${was} to ${now}`);
    }
    for (const keyword of UPPER_BOUNDS) {
      const was = asNumber(before[keyword]);
      const now = asNumber(after[keyword]);
      if (now === undefined) continue;
      if (was === undefined) report(`${keyword} ${now} added`);
      else if (now < was) report(`${keyword} lowered from ${was} to ${now}`);
    }
    const was = asNumber(before['multipleOf']);
    const now = asNumber(after['multipleOf']);
    if (now !== undefined && (was === undefined || was % now !== 0)) report(`multipleOf changed from ${show(was)} to ${now}`);
  }

  private compareStringRules(before: SchemaNode, after: SchemaNode, report: (message: string) => void): void {
    for (const keyword of ['pattern', 'format'] as const) {
      if (after[keyword] === undefined || after[keyword] === before[keyword]) continue;
      report(before[keyword] === undefined ? `${keyword} ${show(after[keyword])} added` : `${keyword} changed from ${show(before[keyword])} to ${show(after[keyword])}`);
    }
  }

  private compareObjects(before: SchemaNode, after: SchemaNode, at: string, report: (message: string) => void): void {
    const wasRequired = asStrings(before['required']);
    const nowRequired = asStrings(after['required']);
    for (const name of nowRequired.filter((name) => !wasRequired.includes(name))) report(`property '${name}' became required`);
    for (const name of wasRequired.filter((name) => !nowRequired.includes(name))) report(`property '${name}' is no longer required (consumers rely on it)`);

    const wasProperties = isNode(before['properties']) ? before['properties'] : {};
    const nowProperties = isNode(after['properties']) ? after['properties'] : {};
    for (const [name, schema] of Object.entries(wasProperties)) {
      if (!(name in nowProperties)) report(`property '${name}' removed`);
      else this.compare(schema, nowProperties[name], `${at}/${name}`);
    }

    const wasAdditional = before['additionalProperties'] ?? true;
    const nowAdditional = after['additionalProperties'] ?? true;
    if (nowAdditional === false && wasAdditional !== false) report('additionalProperties closed (true → false)');
    else if (isNode(nowAdditional) && wasAdditional === true) report('additionalProperties restricted by a schema');
    else if (isNode(nowAdditional) && isNode(wasAdditional)) this.compare(wasAdditional, nowAdditional, `${at}/*`);

    if (after['propertyNames'] !== undefined) {
      if (before['propertyNames'] === undefined) report('propertyNames constraint added');
      else this.compare(before['propertyNames'], after['propertyNames'], `${at}/propertyNames`);
    }
  }

  private compareArrays(before: SchemaNode, after: SchemaNode, at: string, report: (message: string) => void): void {
    if (after['items'] === undefined) return;
    if (before['items'] === undefined) return report('items constraint added');
    this.compare(before['items'], after['items'], `${at}/items`);
  }
}

/**
 * Lists the breaking changes from `previous` to `next` (empty when `next` is backward compatible).
 * Each entry is `<instance path>: <what changed>`, e.g. `/data/amount: type changed from integer to string`.
 */
export function checkBackwardCompatible(previous: unknown, next: unknown): string[] {
  const checker = new Checker();
  checker.compare(previous, next, '');
  return checker.problems;
}
