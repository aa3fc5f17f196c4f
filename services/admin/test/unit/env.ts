// The handlers read their configuration at module scope; unit tests inject their own client,
// but the module still needs a pool id to load.
process.env.USER_POOL_ID = process.env.USER_POOL_ID || 'us-east-1_unitTest';
process.env.AWS_REGION = process.env.AWS_REGION || 'us-east-1';
