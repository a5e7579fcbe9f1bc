/**
 * Typed domain errors. Handlers throw them; functions/lib/errors.ts maps them to HTTP in one place.
 * Their messages are written for the caller (no internals) and are sent as they are, a 503's too;
 * any other error becomes a generic 500.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  readonly field?: string;
  constructor(message: string, field?: string) {
    super(message);
    this.name = new.target.name;
    if (field !== undefined) this.field = field;
  }
}

export class ValidationError extends DomainError {
  readonly status = 400;
  readonly code = 'invalid';
  constructor(field: string, message: string) {
    super(message, field);
  }
}

/** The base of an error whose status and code are fixed and whose message has a default. */
function withDefaultMessage<S extends number, C extends string>(status: S, code: C, defaultMessage: string) {
  return class extends DomainError {
    readonly status = status;
    readonly code = code;
    constructor(message = defaultMessage) {
      super(message);
    }
  };
}

export class UnauthorizedError extends withDefaultMessage(401, 'unauthorized', 'Sign-in required') {}
export class ForbiddenError extends withDefaultMessage(403, 'forbidden', 'Not allowed for your role') {}
export class NotFoundError extends withDefaultMessage(404, 'not_found', 'Not found') {}
export class MethodNotAllowedError extends DomainError {
  readonly status = 405;
  readonly code = 'method_not_allowed';
  constructor(readonly allowed: readonly string[]) {
    super('Method not allowed');
  }
}
export class ConflictError extends DomainError {
  readonly status = 409;
  readonly code = 'conflict';
  constructor(message: string, field?: string) {
    super(message, field);
  }
}
export class TooManyAttemptsError extends withDefaultMessage(429, 'too_many_attempts', 'Too many attempts; try again later') {}
/** What was asked is stored, but a service it needs (the notifier) failed: the same request again completes it. */
export class ServiceUnavailableError extends withDefaultMessage(
  503,
  'unavailable',
  'Saved, but not everything could be done yet; send the same request again',
) {}
