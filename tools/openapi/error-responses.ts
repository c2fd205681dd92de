// The error responses of an operation: the function's error types and API Gateway's own answers, grouped by status.
import { type ErrorType, errorTypes } from '../../functions/http/error-types.js';
import { type GatewayResponseSpec, type GatewayResponseType, gatewayResponses } from '../../functions/http/gateway-responses.js';
import { HEADERS, headersOf, RATE_LIMIT_HEADERS } from './response-headers.js';
import { ref } from './schemas.js';

/** One way a route can fail: its status, its type, who answers it, and the `code` its envelope carries. */
export type ErrorEntry = { status: number; type: ErrorType; source: 'function' | GatewayResponseType; code: number };

/** API Gateway's own answers, for any route; the 5xx fallback answers Lambda's refusals (500) and function errors (502). */
export const gatewayEntries = (): ErrorEntry[] =>
  (Object.entries(gatewayResponses) as [GatewayResponseType, GatewayResponseSpec][]).flatMap(([kind, spec]) => {
    const code = errorTypes[spec.type].status;
    if (spec.status !== null) return [{ status: spec.status, type: spec.type, source: kind, code: spec.status }];
    return kind === 'DEFAULT_5XX' ? [500, 502].map((status) => ({ status, type: spec.type, source: kind, code })) : [];
  });

/**
 * x-request-id is the function's: a Gateway Response can map no header from the request id, so it names the request
 * in its body only. Required where only the function answers, documented but optional where API Gateway may answer.
 */
const requestIdHeader = (entries: ErrorEntry[]) => {
  const fromFunction = entries.filter((entry) => entry.source === 'function').length;
  if (fromFunction === 0) return {};
  if (fromFunction === entries.length) return headersOf(['x-request-id'], true);
  return {
    'x-request-id': {
      ...HEADERS['x-request-id'],
      required: false,
      description: `${HEADERS['x-request-id'].description}; absent when API Gateway answers itself`,
    },
  };
};

/** The context each status's errors carry, where clients rely on its shape. */
const CONTEXTS: Record<number, string> = { 400: 'app.ValidationContext', 409: 'app.ConflictContext', 429: 'app.LimitContext' };
/** The context of an error type whose status others share with another shape. */
const TYPE_CONTEXTS: Partial<Record<ErrorType, string>> = {
  insufficient_permissions: 'app.PermissionContext',
  claimed: 'app.ClaimedContext',
  reopen_window_closed: 'app.ReopenWindowContext',
};

const errorVariant = (type: ErrorType, status: number) => ({
  type: 'object',
  required: ['type', 'retryable'],
  properties: {
    type: { const: type },
    retryable: { type: 'boolean' },
    ...((TYPE_CONTEXTS[type] ?? CONTEXTS[status]) ? { context: ref((TYPE_CONTEXTS[type] ?? CONTEXTS[status]) as string) } : {}),
  },
});

export const errorResponse = (status: number, entries: ErrorEntry[]) => {
  const fromFunction = entries.some((entry) => entry.source === 'function');
  const lines = entries.map(
    (entry) =>
      `- \`${entry.type}\`${errorTypes[entry.type].retryable ? ', retryable' : ''}: ${errorTypes[entry.type].msg}` +
      (entry.source === 'function'
        ? ''
        : ` (API Gateway: ${entry.source}${entry.code === status ? '' : `; its body says code ${entry.code}`})`),
  );
  const types = [...new Set(entries.map((entry) => entry.type))];
  const codes = [...new Set(entries.map((entry) => entry.code))];
  return {
    description: `${errorTypes[types[0] as ErrorType].msg}\n\n${lines.join('\n')}`,
    headers: {
      ...requestIdHeader(entries),
      ...headersOf(
        [...(fromFunction ? RATE_LIMIT_HEADERS : []), ...(status === 429 ? (['Retry-After'] as const) : [])],
        entries.every((entry) => entry.source === 'function'),
      ),
    },
    content: {
      'application/json': {
        schema: {
          allOf: [
            ref('app.ErrorResponse'),
            {
              type: 'object',
              properties: {
                code: codes.length === 1 ? { const: codes[0] } : { enum: codes },
                // One variant per type, each with its own constant `type`: a generated client narrows the error on
                // error.type (and gets that status's context shape).
                error:
                  types.length === 1
                    ? errorVariant(types[0] as ErrorType, status)
                    : { oneOf: types.map((type) => errorVariant(type, status)) },
              },
            },
          ],
        },
      },
    },
  };
};

/** Answers API Gateway sends in its own default form, outside the envelope. */
const DEFAULT_FORM_RESPONSES = {
  '413':
    'Request Too Long: a payload over 10 MB, refused by API Gateway in plain text before anything runs; or a Lambda invocation over 6 MB, ' +
    'which a body of about 4.4 MB reaches since every body arrives base64-encoded ({"message"}), though the web ACL refuses any body over 16 KB first (403). ' +
    'AWS does not let this Gateway Response be customized, so it keeps its default body',
  '414': 'Request URI too long: the URL is over 10,240 characters, or the method ARN with its path parameters over 1,600 bytes',
  '431': "The headers' combined size is over 10,240 bytes (the quota is documented; the status API Gateway answers with is not)",
};

export const defaultFormResponses = () =>
  Object.fromEntries(
    Object.entries(DEFAULT_FORM_RESPONSES).map(([status, description]) => [
      status,
      {
        description,
        content: {
          'application/json': { schema: ref('aws.GatewayMessage') },
          // A body over the 10 MB quota is refused before API Gateway names the request, in plain text.
          ...(status === '413'
            ? { 'text/plain': { schema: { type: 'string', example: 'HTTP content length exceeded 10485760 bytes.' } } }
            : {}),
        },
      },
    ]),
  );
