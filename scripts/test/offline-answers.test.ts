import { offlineAnswer } from '../lib/offline-answers';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
// What serverless-offline 13 sends for a Lambda that timed out (seen under load in the e2e suites).
const timeout = {
  errorMessage: '[504] - Lambda timeout.',
  errorType: 'LambdaTimeoutError',
  stackTrace: [
    'Error: [504] - Lambda timeout.',
    'at #timeoutAndTerminate (file:///node_modules/serverless-offline/src/lambda/LambdaFunction.js:287:11)',
  ],
};

describe("the gateway's view of serverless-offline's own answers", () => {
  it('turns a Lambda timeout answered 200 with its stack trace into 500 INTERNAL', () => {
    expect(offlineAnswer(200, { 'content-type': 'application/json' }, json(timeout))).toEqual({
      status: 500,
      code: 'INTERNAL',
      message: 'Something went wrong',
      original: 'LambdaTimeoutError: [504] - Lambda timeout.',
    });
  });

  it('turns a handler that threw past the wrapper into 500 INTERNAL', () => {
    expect(offlineAnswer(200, {}, json({ errorMessage: 'boom', errorType: 'TypeError', stackTrace: [] }))?.status).toBe(
      500,
    );
  });

  it("turns hapi's 400 for a path that is not valid percent-encoding into BAD_REQUEST (found by the fuzz test)", () => {
    expect(
      offlineAnswer(400, {}, json({ statusCode: 400, error: 'Bad Request', message: 'Bad Request' })),
    ).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
  });

  it("turns serverless-offline's route miss, which lists every route, into NOT_FOUND (found by the fuzz test)", () => {
    const miss = {
      currentRoute: 'post - /image',
      error: 'Serverless-offline: route not found.',
      existingRoutes: ['get - /category'],
      statusCode: 404,
    };
    expect(offlineAnswer(404, {}, json(miss))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      message: 'No route for this request',
    });
  });

  it.each([
    ['an answer of the services own wrapper (it carries a request id)', 200, { 'x-request-id': 'r1' }, json(timeout)],
    ['a 4xx of the wrapper', 400, { 'x-request-id': 'r1' }, json({ statusCode: 400, error: 'Bad Request' })],
    ['the contract shape', 404, {}, json({ error: { code: 'NOT_FOUND', message: 'x', details: [] } })],
    ['a 200 that merely has such fields', 200, {}, json({ errorType: 'x', errorMessage: 'y' })],
    ['an array', 200, {}, json([timeout])],
    ['no body', 204, {}, Buffer.alloc(0)],
    ['a body that is not JSON', 200, {}, Buffer.from('errorType')],
  ])('leaves alone %s', (_name, status, headers, body) => {
    expect(offlineAnswer(status, headers, body)).toBeUndefined();
  });
});
