// Keep test output readable: the services' structured logs are for CloudWatch, not for jest.
process.env.POWERTOOLS_LOG_LEVEL = process.env.POWERTOOLS_LOG_LEVEL || 'SILENT';
