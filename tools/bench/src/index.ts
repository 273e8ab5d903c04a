export { percentile, median, mean, summarize, ratio, rate } from './stats';
export type { Summary } from './stats';
export { countDynamoCalls, splitReadsWrites } from './call-counter';
export type { CallCounter } from './call-counter';
export { markdownTable, summaryLines, writeReport, resultFileName, fmt, fmtRatio, fmtBytes } from './report';
export type { BenchRow, BenchResult, BenchReport } from './report';
export { parseCliOptions, USAGE } from './cli-options';
export type { CliOptions } from './cli-options';
