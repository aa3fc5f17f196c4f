// Keep test output readable: the services' structured logs are for CloudWatch, not for jest.
process.env.POWERTOOLS_LOG_LEVEL = process.env.POWERTOOLS_LOG_LEVEL || 'SILENT';
// Lambda runs nodejs22.x; tests run on the machine's Node (20.19+), where the SDK's notice about Node 20's end of support is noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
