import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { AppError } from '../errors/app-errors.js';
import { ErrorCode } from '../errors/error-codes.js';
import { REQUEST_CONTEXT_KEY, type RequestWithContext } from '../context/http-request.js';
import { DEFAULT_LOCALE, t } from '../i18n/messages.js';

const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.VALIDATION_FAILED]: 422,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.RATE_LIMITED]: 429,
};

/**
 * The REST endpoints' errors, with the same codes as GraphQL's
 * `extensions.code`: `{ "error": { "code", "message", ... } }` and the
 * matching HTTP status. Anything unexpected is a masked 500 with the request id.
 */
@Catch()
export class RestExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('RestExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<RequestWithContext>();
    const ctx = req[REQUEST_CONTEXT_KEY];
    if (res.headersSent) {
      // A stream that failed half way: all that is left is to cut the connection.
      this.logger.error({ err: exception, requestId: ctx?.requestId ?? String(req.id ?? '') }, 'error after the response started');
      res.destroy();
      return;
    }
    if (exception instanceof AppError) {
      const { code, ...details } = exception.extensions as { code: ErrorCode };
      res.status(STATUS[code] ?? 400).json({ error: { code, message: exception.message, ...details } });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      res
        .status(status)
        .json({ error: { code: status === 404 ? ErrorCode.NOT_FOUND : ErrorCode.BAD_USER_INPUT, message: exception.message } });
      return;
    }
    const requestId = ctx?.requestId ?? String(req.id ?? '');
    this.logger.error({ err: exception, requestId }, 'unexpected error');
    res.status(500).json({
      error: {
        code: ErrorCode.INTERNAL_SERVER_ERROR,
        message: t(ctx?.locale ?? DEFAULT_LOCALE, 'error.internal', { requestId }),
        requestId,
      },
    });
  }
}
