/**
 * Typed errors with a stable reason and HTTP status. Throw these from services and routes; the
 * shared error handler turns them into the one `{code, message, ...}` shape.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    /** Stable machine-readable reason, e.g. NotFound, Forbidden, Timeout. */
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: Record<string, unknown>) =>
  new AppError(400, 'BadRequest', message, details);
export const notFound = (message: string, details?: Record<string, unknown>) =>
  new AppError(404, 'NotFound', message, details);
