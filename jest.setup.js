// Keep test output readable: the services' structured logs are for CloudWatch, not for jest.
process.env.POWERTOOLS_LOG_LEVEL = process.env.POWERTOOLS_LOG_LEVEL || 'SILENT';
// Lambda's nodejs20.x runtime is the target; the SDK's notice about its future Node 22 releases is noise in tests.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
