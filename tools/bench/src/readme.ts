/**
 * `npm run bench:readme`: rewrites the README's Performance figures (between the bench markers)
 * from bench/results/latest.json, the last `npm run bench`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withBenchSection, type BenchReport } from './report';
import { REPO_ROOT } from './target';

const results = path.join(REPO_ROOT, 'bench', 'results', 'latest.json');
const readme = path.join(REPO_ROOT, 'README.md');
const report = JSON.parse(readFileSync(results, 'utf8')) as BenchReport;
writeFileSync(readme, withBenchSection(readFileSync(readme, 'utf8'), report));
process.stdout.write(`README.md: Performance figures from ${path.relative(REPO_ROOT, results)} (${report.startedAt})\n`);
