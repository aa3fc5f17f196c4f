// The handlers read their configuration at module scope; unit tests inject their own client,
// but the module still needs a pool id to load.
process.env.USER_POOL_ID = process.env.USER_POOL_ID || 'us-east-1_unitTest';
process.env.AWS_REGION = process.env.AWS_REGION || 'us-east-1';
// GET /users signs its cursors; the local stack passes a development key, unit tests their own.
process.env.CURSOR_SIGNING_KEY = process.env.CURSOR_SIGNING_KEY || 'unit-test-cursor-signing-key';
