/**
 * Answers serverless-offline (and hapi under it) gives by itself, outside the services' own HTTP
 * wrapper, which are not the contract's. Every answer of the wrapper carries its request id
 * (`x-request-id`); these do not:
 * - a Lambda that failed outside the wrapper (it timed out, or threw past it, the authorizer
 *   included) comes back as status 200 with the Lambda error payload
 *   `{"errorMessage", "errorType", "stackTrace"}` as its body, internals and all. API Gateway
 *   (HTTP API) answers such a failure 500 and shows the client nothing of it;
 * - hapi's own refusals (a path that is not valid percent-encoding, say) are Boom bodies
 *   `{"statusCode", "error", "message"}`, and serverless-offline's route miss (a path with `..`
 *   that matched a route at the gateway and not after hapi normalised it) lists every route.
 * The gateway answers those in the contract's error shape instead; the original goes to the log.
 */
export interface Replacement {
  status: number;
  code: string;
  message: string;
  /** For the log only. */
  original: string;
}

const CODES: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', 'The request is not valid'],
  404: ['NOT_FOUND', 'No route for this request'],
  413: ['PAYLOAD_TOO_LARGE', 'The request body is too large'],
};

function parse(body: Buffer): Record<string, unknown> | undefined {
  if (body.length === 0 || body.length > 64 * 1024) return undefined;
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function offlineAnswer(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
): Replacement | undefined {
  if (headers['x-request-id'] !== undefined) return undefined;
  const parsed = parse(body);
  if (!parsed) return undefined;
  const original = body.toString('utf8').slice(0, 500);
  if (status === 200) {
    const { errorType, errorMessage, stackTrace } = parsed;
    if (typeof errorType !== 'string' || typeof errorMessage !== 'string' || !Array.isArray(stackTrace))
      return undefined;
    return {
      status: 500,
      code: 'INTERNAL',
      message: 'Something went wrong',
      original: `${errorType}: ${errorMessage}`,
    };
  }
  // hapi's Boom body and serverless-offline's route miss both say `error` as text; the
  // contract's shape holds an object there, and passes.
  if (status < 400 || typeof parsed.error !== 'string') return undefined;
  if (status >= 500) return { status: 500, code: 'INTERNAL', message: 'Something went wrong', original };
  const known = CODES[status] ? status : 400;
  const [code, message] = CODES[known];
  return { status: known, code, message, original };
}
