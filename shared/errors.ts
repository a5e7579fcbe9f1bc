/**
 * Typed domain errors. Handlers throw them; functions/lib/errors.ts maps them to HTTP in one place.
 * Only errors with a status below 500 expose their message.
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
export class UnauthorizedError extends DomainError {
  readonly status = 401;
  readonly code = 'unauthorized';
  constructor(message = 'Sign-in required') {
    super(message);
  }
}
export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly code = 'forbidden';
  constructor(message = 'Not allowed for your role') {
    super(message);
  }
}
export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly code = 'not_found';
  constructor(message = 'Not found') {
    super(message);
  }
}
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
export class TooManyAttemptsError extends DomainError {
  readonly status = 429;
  readonly code = 'too_many_attempts';
  constructor(message = 'Too many attempts; try again later') {
    super(message);
  }
}
