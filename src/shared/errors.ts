// The closed set of error codes the API returns. The web client picks its Swedish text by code
// (src/shared/messages.ts), never by parsing a message. The code → HTTP status table exists once,
// here.

export const httpStatus = {
  VALIDATION_FAILED: 400,
  MALFORMED_BODY: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  INVALID_MFA_CODE: 401,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  MFA_REQUIRED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  CONFLICT: 409,
  INVALID_STATE: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof httpStatus;
export const errorCodes = Object.keys(httpStatus) as ErrorCode[];

export interface FieldIssue {
  /** Dotted path of the failing field, e.g. "body.child.personnummer". */
  path: string;
  message: string;
}

/** RFC 9457 problem details with envagin's stable `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  requestId?: string;
  errors?: FieldIssue[];
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly errors?: FieldIssue[],
  ) {
    super(message ?? code);
    this.name = 'AppError';
    this.status = httpStatus[code];
  }
}

export function problemType(code: ErrorCode): string {
  return `urn:envagin:problem:${code.toLowerCase().replaceAll('_', '-')}`;
}

export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).code === 'string' &&
    (errorCodes as string[]).includes((value as Problem).code)
  );
}
