// Imported first by main.ts. Lambda runs Node 22; on an older local Node the AWS SDK prints a
// multi-line support notice at every start, which buries the stack's own output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
