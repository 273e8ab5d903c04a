// `npm audit --omit=dev` with an allow-list: fails on any advisory against a production
// dependency that .ci/audit-allowlist.json does not accept (each entry names the advisory, the
// package, why it cannot be fixed yet, and the date it must be looked at again).
// When the registry's audit endpoint cannot be reached, says so in one line and passes: an
// unreachable endpoint is not a finding, and the next run with access checks again.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const allowlist = JSON.parse(readFileSync(join(import.meta.dirname, 'audit-allowlist.json'), 'utf8')).advisories;
const today = new Date().toISOString().slice(0, 10);

const { stdout, stderr } = await new Promise((resolve) =>
  execFile('npm', ['audit', '--omit=dev', '--json'], { maxBuffer: 64 * 1024 * 1024 }, (_err, out, err) => resolve({ stdout: out, stderr: err })),
);
let report;
try {
  report = JSON.parse(stdout);
} catch {
  report = undefined;
}
if (!report?.vulnerabilities) {
  const why = report?.statusCode
    ? `HTTP ${report.statusCode}`
    : (report?.error?.summary ?? (stderr.split('\n').find((l) => l.includes('error')) || 'no report')).trim();
  console.log(`npm audit --omit=dev skipped: the audit endpoint could not be used from here (${why}).`);
  process.exit(0);
}

const advisoryId = (via) => (typeof via === 'object' && via.url ? via.url.split('/').pop() : undefined);
const findings = [];
for (const [name, vuln] of Object.entries(report.vulnerabilities)) {
  for (const via of vuln.via) {
    const id = advisoryId(via);
    if (!id) continue; // a package that is only vulnerable through another one: reported there
    const allowed = allowlist.find((a) => a.id === id && a.package === name && a.until >= today);
    if (!allowed) findings.push(`${via.severity} ${name} ${id}: ${via.title}`);
  }
}
if (findings.length) {
  console.error(`npm audit --omit=dev: ${findings.length} advisories not in .ci/audit-allowlist.json (or past their date):`);
  for (const f of findings) console.error(`  ${f}`);
  process.exit(1);
}
console.log(`npm audit --omit=dev: no advisory outside the allow-list (${allowlist.length} allowed).`);
