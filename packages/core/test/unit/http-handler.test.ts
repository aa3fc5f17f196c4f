import { ConflictError, PreconditionFailedError, PreconditionRequiredError } from '@estore/core/errors';
import { type HttpEvent, httpHandler, numeric, ok } from '@estore/core/http';
import type { Context } from 'aws-lambda';
import Joi from 'joi';

const context = { awsRequestId: 'req-1' } as Context;

function event(overrides: Partial<HttpEvent> = {}): HttpEvent {
  return {
    version: '2.0',
    routeKey: 'POST /thing',
    rawPath: '/thing',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    isBase64Encoded: false,
    requestContext: { http: { method: 'POST', path: '/thing' } } as HttpEvent['requestContext'],
    ...overrides,
  } as HttpEvent;
}

const withAuth = (username: string, groups: string) =>
  ({
    http: { method: 'POST', path: '/thing' },
    authorizer: { lambda: { username, groups } },
  }) as unknown as HttpEvent['requestContext'];

const bodyOf = (result: { body?: string }) => JSON.parse(result.body ?? '');

describe('httpHandler', () => {
  const echo = httpHandler(
    {
      access: 'public',
      body: Joi.object({ name: Joi.string(), count: numeric().integer().min(0) }),
    },
    async ({ body }) => ok(body),
  );

  it('parses, validates and converts the body, and tags the response with the request id', async () => {
    const result = await echo(event({ body: '{"name":"lamp","count":"2"}' }), context);
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual({ name: 'lamp', count: 2 });
    expect(result.headers?.['x-request-id']).toBe('req-1');
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const result = await echo(event({ body: '{"name":' }), context);
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).error.code).toBe('MALFORMED_JSON');
  });

  it('names every bad field in the details of a 400 VALIDATION_FAILED', async () => {
    const result = await echo(event({ body: '{"count":-1,"extra":true}' }), context);
    expect(result.statusCode).toBe(400);
    const { error } = bodyOf(result);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.map((d: { field: string }) => d.field).sort()).toEqual(['count', 'extra', 'name']);
  });

  it('refuses a missing body when the route needs one', async () => {
    const result = await echo(event({ body: undefined }), context);
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).error.code).toBe('VALIDATION_FAILED');
  });

  describe('a route whose body schema does not itself require a body', () => {
    // A schema marked `.optional()` lets `undefined` through; the wrapper must not.
    const route = jest.fn(async ({ body }: { body: { name?: string } | undefined }) =>
      ok({ length: body?.name?.length ?? 0 }),
    );
    const lenient = httpHandler(
      { access: 'public', body: Joi.object({ name: Joi.string().optional() }).optional() },
      route,
    );

    it.each([
      ['no body', undefined],
      ['an empty body', ''],
      ['a blank body', ' \n\t '],
    ])('refuses %s with 400 VALIDATION_FAILED naming the body, before the route runs', async (_what, body) => {
      const result = await lenient(event({ body }), context);
      expect(result.statusCode).toBe(400);
      expect(bodyOf(result)).toEqual({
        error: {
          code: 'VALIDATION_FAILED',
          message: 'Invalid body',
          details: [{ field: 'body', message: 'a JSON body is required' }],
        },
      });
      expect(route).not.toHaveBeenCalled();
    });

    it('refuses a base64-encoded blank body the same way', async () => {
      const result = await lenient(
        event({ body: Buffer.from('   ').toString('base64'), isBase64Encoded: true }),
        context,
      );
      expect([result.statusCode, bodyOf(result).error.details[0].field]).toEqual([400, 'body']);
    });

    it.each([['null'], ['[]'], ['[{"name":"x"}]'], ['42'], ['"text"'], ['true']])(
      'refuses the JSON %s where an object is expected',
      async (body) => {
        const result = await lenient(event({ body }), context);
        expect(result.statusCode).toBe(400);
        expect(bodyOf(result).error).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: [{ field: 'body', message: 'the body must be a JSON object' }],
        });
        expect(route).not.toHaveBeenCalled();
      },
    );

    it('still accepts an object', async () => {
      const result = await lenient(event({ body: '{"name":"lamp"}' }), context);
      expect([result.statusCode, bodyOf(result)]).toEqual([200, { length: 4 }]);
    });
  });

  it('lets a route that declares its body optional run without one (its schema gives the default)', async () => {
    const optional = httpHandler(
      {
        access: 'public',
        body: Joi.object({ code: Joi.string().optional() }).optional().default({}),
        optionalBody: true,
      },
      async ({ body }) => ok({ code: body.code ?? null }),
    );
    const result = await optional(event({ body: '' }), context);
    expect([result.statusCode, bodyOf(result)]).toEqual([200, { code: null }]);
  });

  it('refuses a body over 64 KiB with 413', async () => {
    const result = await echo(event({ body: JSON.stringify({ name: 'x'.repeat(70 * 1024), count: 1 }) }), context);
    expect(result.statusCode).toBe(413);
    expect(bodyOf(result).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('maps a typed error to its status and code', async () => {
    const conflict = httpHandler({ access: 'public' }, async () => {
      throw new ConflictError('USERNAME_TAKEN', 'That username is taken');
    });
    const result = await conflict(event(), context);
    expect(result.statusCode).toBe(409);
    expect(bodyOf(result)).toEqual({
      error: { code: 'USERNAME_TAKEN', message: 'That username is taken', details: [] },
    });
  });

  it.each([
    [new PreconditionFailedError(), 412, 'PRECONDITION_FAILED'],
    [new PreconditionRequiredError(), 428, 'PRECONDITION_REQUIRED'],
  ])('maps the precondition error %p to its status and code', async (error, status, code) => {
    const conditional = httpHandler({ access: 'public' }, async () => {
      throw error;
    });
    const result = await conditional(event(), context);
    expect(result.statusCode).toBe(status);
    expect(bodyOf(result).error.code).toBe(code);
  });

  it("passes a route's headers through, e.g. an ETag", async () => {
    const tagged = httpHandler({ access: 'public' }, async () => ok({}, { headers: { etag: '"v3"' } }));
    expect((await tagged(event(), context)).headers).toMatchObject({ etag: '"v3"' });
  });

  it('turns an unexpected error into 500 INTERNAL with the request id and nothing else', async () => {
    const broken = httpHandler({ access: 'public' }, async () => {
      throw new Error('ResourceNotFoundException: table estore-secret not found');
    });
    const result = await broken(event(), context);
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('estore-secret');
    expect(bodyOf(result)).toEqual({
      error: { code: 'INTERNAL', message: 'Something went wrong', details: [{ requestId: 'req-1' }] },
    });
  });

  it('answers 401 to an anonymous caller of a signed-in route', async () => {
    const me = httpHandler({ access: 'signed-in' }, async ({ principal }) => ok(principal));
    const result = await me(event(), context);
    expect(result.statusCode).toBe(401);
    expect(bodyOf(result).error.code).toBe('UNAUTHENTICATED');
  });

  it('hands the authorizer principal to a signed-in route', async () => {
    const me = httpHandler({ access: 'signed-in' }, async ({ principal }) => ok(principal));
    const result = await me(event({ requestContext: withAuth('alice', '') }), context);
    expect(bodyOf(result)).toEqual({ username: 'alice', groups: [] });
  });

  it('answers 500 INTERNAL, not 401, when the caller sent a token the authorizer could not check', async () => {
    const me = httpHandler({ access: 'signed-in' }, async ({ principal }) => ok(principal));
    const unchecked = {
      http: { method: 'POST', path: '/thing' },
      authorizer: { lambda: { tokenUnchecked: 'true' } },
    } as unknown as HttpEvent['requestContext'];
    const result = await me(event({ requestContext: unchecked }), context);
    expect(result.statusCode).toBe(500);
    expect(bodyOf(result)).toEqual({
      error: { code: 'INTERNAL', message: 'Something went wrong', details: [{ requestId: 'req-1' }] },
    });
    const publicRoute = httpHandler({ access: 'public' }, async ({ principal }) =>
      ok({ signedIn: principal !== undefined }),
    );
    expect(bodyOf(await publicRoute(event({ requestContext: unchecked }), context))).toEqual({ signedIn: false });
  });

  it('answers 403 to a signed-in caller outside the required groups', async () => {
    const adminOnly = httpHandler({ access: { anyOf: ['admin_group'] } }, async () => ok({}));
    const customer = await adminOnly(event({ requestContext: withAuth('bob', '') }), context);
    const manager = await adminOnly(event({ requestContext: withAuth('user', 'manage_product_group') }), context);
    const admin = await adminOnly(
      event({ requestContext: withAuth('admin', 'admin_group,manage_product_group') }),
      context,
    );
    expect([customer.statusCode, manager.statusCode, admin.statusCode]).toEqual([403, 403, 200]);
  });

  it('validates query strings with conversion, e.g. a numeric limit', async () => {
    const list = httpHandler(
      {
        access: 'public',
        query: Joi.object({ limit: numeric().integer().min(1).max(100).optional().default(20) }),
      },
      async ({ query }) => ok(query),
    );
    expect(bodyOf(await list(event({ queryStringParameters: { limit: '5' } }), context))).toEqual({ limit: 5 });
    expect(bodyOf(await list(event(), context))).toEqual({ limit: 20 });
    expect((await list(event({ queryStringParameters: { limit: '0' } }), context)).statusCode).toBe(400);
  });

  it('sets cookies through the HTTP API cookies field', async () => {
    const login = httpHandler({ access: 'public' }, async () => ok({}, { cookies: ['AccessToken=abc; HttpOnly'] }));
    const result = await login(event(), context);
    expect(result.cookies).toEqual(['AccessToken=abc; HttpOnly']);
  });
});
