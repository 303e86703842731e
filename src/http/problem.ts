// Turns anything thrown while handling a request into RFC 9457 problem+json with a stable code.
// Client faults are 4xx with a clear message; only our own bugs and outages are 5xx, and those
// never carry a stack trace or internal text to the client.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { sqlState } from '../db/transaction.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { AppError, httpStatus, problemType, type ErrorCode, type FieldIssue, type Problem } from '../shared/errors.ts';
import { errorMessage } from '../shared/messages.ts';

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_BODY',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_BAD_URL: 'BAD_REQUEST',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

const byStatus: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

interface Classified {
  code: ErrorCode;
  detail?: string;
  errors?: FieldIssue[];
}

function classify(error: unknown): Classified {
  if (error instanceof AppError) {
    return { code: error.code, detail: error.message !== error.code ? error.message : undefined, errors: error.errors };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as { validationContext?: string }).validationContext ?? 'body';
    const errors = error.validation.map((v) => ({
      path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'ogiltigt värde',
    }));
    return { code: 'VALIDATION_FAILED', errors };
  }
  const state = sqlState(error);
  if (state === '23505' || state === '40001' || state === '40P01') return { code: 'CONFLICT' };
  // The database restarting or out of reach: "try again", not a bug of ours.
  if (isDatabaseUnavailable(error)) return { code: 'SERVICE_UNAVAILABLE' };
  const e = error as Partial<FastifyError> & { code?: string; statusCode?: number };
  if (typeof e.code === 'string' && fastifyCodes[e.code]) return { code: fastifyCodes[e.code]! };
  if (error instanceof SyntaxError && e.statusCode === 400) return { code: 'MALFORMED_BODY' };
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { code: byStatus[e.statusCode] ?? 'BAD_REQUEST' };
  }
  return { code: 'INTERNAL' };
}

export function buildProblem(request: FastifyRequest, c: Classified): Problem {
  const status = httpStatus[c.code];
  return {
    type: problemType(c.code),
    title: errorMessage(c.code),
    status,
    detail: c.detail ?? errorMessage(c.code),
    code: c.code,
    instance: request.url.split('?')[0],
    requestId: request.id,
    ...(c.errors && c.errors.length > 0 ? { errors: c.errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const classified = classify(error);
  const status = httpStatus[classified.code];
  if (status >= 500) {
    // Our fault or an outage: log the error (no request body, which may hold personal data).
    request.log.error(
      { err: error, serialization: isResponseSerializationError(error) || undefined },
      'request failed',
    );
  } else {
    request.log.info({ code: classified.code }, 'request rejected');
  }
  return sendProblem(reply, buildProblem(request, classified));
}
