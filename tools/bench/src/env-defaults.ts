// Imported first by main.ts: stdout carries only the results table, so the handlers' Powertools
// logs and the AWS SDK's old-Node notice are silenced unless the caller asks for them.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
