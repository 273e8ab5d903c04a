/**
 * `npm run generate -w @bank/risk-policy` compiles the policy schemas (policy-schema.ts) into
 * src/generated/; `--check` only compares (the freshness test).
 */
import { join } from 'node:path';
import { renderValidatorModule, runGenerator } from '@bank/schemas/codegen';
import { riskPolicySchema, storedRiskPolicySchema } from '../src/policy-schema';

/**
 * One module per schema: the functions that only read the stored policy bundle only its
 * validator. The first failure only: allErrors would let a hostile body produce one error per
 * property; the issues' wording is @bank/schemas', not Ajv's.
 */
const MODULES = {
  'policy-document-validator.generated': { RiskPolicyDocument: riskPolicySchema },
  'stored-policy-validator.generated': { StoredRiskPolicy: storedRiskPolicySchema },
};

const files = new Map<string, string>();
for (const [name, schemas] of Object.entries(MODULES)) {
  const { js, dts } = renderValidatorModule(
    { draft: '2020-12', options: { allErrors: false, strict: true, messages: false }, formats: [], schemas },
    'Compiled from src/policy-schema.ts by `npm run generate -w @bank/risk-policy`.',
    '@bank/schemas',
  );
  files.set(`${name}.js`, js);
  files.set(`${name}.d.ts`, dts);
}

runGenerator(join(__dirname, '..', 'src', 'generated'), files, process.argv, 'run npm run generate -w @bank/risk-policy');
