import path from 'node:path';
import { pruneRulesFor } from '../../../src/bundling/function-bundle';
import { REPO_ROOT } from '../../../src/repo-paths';

const entry = (service: string) => path.join(REPO_ROOT, 'services', service, 'src', 'handler.ts');

describe('pruneRulesFor', () => {
  it('gives a notifier the prune rules its plugins declare, once per vendor', () => {
    const rules = pruneRulesFor(entry('notify-sms'));

    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((rule) => rule.importer.includes('twilio'))).toBe(true);
    expect(new Set(rules.map((rule) => JSON.stringify(rule))).size).toBe(rules.length);
  });

  it('gives delivery-status the rules of the plugins its generated map bundles', () => {
    const rules = pruneRulesFor(path.join(REPO_ROOT, 'services/delivery-status/src/handler.ts'));

    expect(rules).toEqual(expect.arrayContaining(pruneRulesFor(entry('notify-sms'))));
    expect(rules.filter((rule) => !rule.importer.includes('twilio')).map((rule) => rule.request)).toEqual(['^axios$']);
  });

  it("gives a notifier its plugins' notifier-only rules and delivery-status not (it verifies callbacks)", () => {
    const isVerifierRule = (rule: { request: string }) => rule.request.includes('starkbank-ecdsa');

    expect(pruneRulesFor(entry('notify-email')).filter(isVerifierRule)).toHaveLength(1);
    expect(pruneRulesFor(path.join(REPO_ROOT, 'services/delivery-status/src/handler.ts')).filter(isVerifierRule)).toEqual([]);
  });

  it('gives functions that bundle no plugins none', () => {
    expect(pruneRulesFor(path.join(REPO_ROOT, 'services/account/src/handlers/api.ts'))).toEqual([]);
    expect(pruneRulesFor(path.join(REPO_ROOT, 'services/risk-detector/src/handler.ts'))).toEqual([]);
  });
});
