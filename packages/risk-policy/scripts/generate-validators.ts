/**
 * `npm run generate -w @bank/risk-policy` compiles the policy schemas (policy-schema.ts) into
 * src/generated/; `--check` only compares (the freshness test).
 */
import { join } from 'node:path';
import { renderValidatorModule, runGenerator } from '@bank/schemas/codegen';
import { riskPolicySchema, storedRiskPolicySchema } from '../src/policy-schema';

const MODULE = 'policy-validators.generated';

/** The first failure only: allErrors would let a hostile body produce one error per property. */
const { js, dts } = renderValidatorModule(
  { draft: '2020-12', options: { allErrors: false, strict: true }, formats: [], schemas: { RiskPolicyDocument: riskPolicySchema, StoredRiskPolicy: storedRiskPolicySchema } },
  'Compiled from src/policy-schema.ts by `npm run generate -w @bank/risk-policy`.',
  '@bank/schemas',
);

runGenerator(
  join(__dirname, '..', 'src', 'generated'),
  new Map([
    [`${MODULE}.js`, js],
    [`${MODULE}.d.ts`, dts],
  ]),
  process.argv,
  'run npm run generate -w @bank/risk-policy',
);
