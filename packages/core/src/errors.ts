/** One field-level problem, named so a client can point at the input that caused it. */
export interface ErrorDetail {
  field?: string;
  message: string;
  [key: string]: unknown;
}

/**
 * An error whose code, message and details are safe to show a client.
 * Anything that is not an AppError is treated as a bug and never exposed.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }

  toJSON(): { error: { code: string; message: string; details: ErrorDetail[] } } {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details: ErrorDetail[] = [], code = 'VALIDATION_FAILED') {
    super(code, message, 400, details);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Sign in to continue', code = 'UNAUTHENTICATED') {
    super(code, message, 401);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do this', code = 'FORBIDDEN') {
    super(code, message, 403);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Not found', code = 'NOT_FOUND') {
    super(code, message, 404);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string, details: ErrorDetail[] = []) {
    super(code, message, 409, details);
  }
}

/** A conditional request (`If-Match`) named a version that is no longer current, or none at all. */
export class PreconditionFailedError extends AppError {
  constructor(
    message = 'The resource changed since it was read; read it again',
    code = 'PRECONDITION_FAILED',
    details: ErrorDetail[] = [],
  ) {
    super(code, message, 412, details);
  }
}

/** A write that could undo someone else's change unless it names the version it was based on. */
export class PreconditionRequiredError extends AppError {
  constructor(
    message = 'This change needs an If-Match header',
    code = 'PRECONDITION_REQUIRED',
    details: ErrorDetail[] = [],
  ) {
    super(code, message, 428, details);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message = 'Request body is too large') {
    super('PAYLOAD_TOO_LARGE', message, 413);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(message = 'Too many requests, try again later', code = 'TOO_MANY_REQUESTS') {
    super(code, message, 429);
  }
}
