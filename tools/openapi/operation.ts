// One operation of the OpenAPI document: a route's parameters, request body, success response and error responses.
import type * as v from 'valibot';
import { type ErrorType, errorTypes } from '../../functions/http/error-types.js';
import type { Route, RouteContract } from '../../functions/http/route.js';
import { routeContracts } from '../../functions/http/routes/index.js';
import { defaultFormResponses, type ErrorEntry, errorResponse, gatewayEntries } from './error-responses.js';
import { headersOf, RATE_LIMIT_HEADERS } from './response-headers.js';
import { convert, ref } from './schemas.js';

export const operation = (route: Route, definitions: Record<string, v.GenericSchema>) => {
  const contract: RouteContract = routeContracts[route.name as keyof typeof routeContracts];
  const parameters = [
    ...Object.entries(contract.pathParameters ?? {}).map(([name, schema]) => ({
      name,
      in: 'path',
      required: true,
      schema: convert(schema, definitions),
    })),
    ...Object.entries(contract.queryParameters ?? {}).map(([name, schema]) => ({
      name,
      in: 'query',
      required: false,
      schema: convert(schema, definitions),
    })),
    ...Object.entries(contract.headers ?? {}).map(([name, schema]) => ({
      name,
      in: 'header',
      required: false,
      schema: convert(schema, definitions),
    })),
  ];
  const entries: ErrorEntry[] = [
    // In the order error-types.ts lists them, whatever order a route states them in.
    ...(Object.keys(errorTypes) as ErrorType[])
      .filter((type) => contract.errors.includes(type))
      .map((type) => ({
        status: errorTypes[type].status,
        type,
        source: 'function' as const,
        code: errorTypes[type].status,
      })),
    ...gatewayEntries(),
  ];
  const byStatus = new Map<number, ErrorEntry[]>();
  for (const entry of entries) byStatus.set(entry.status, [...(byStatus.get(entry.status) ?? []), entry]);
  const errors = {
    ...Object.fromEntries([...byStatus.entries()].map(([status, group]) => [String(status), errorResponse(status, group)])),
    ...defaultFormResponses(),
  };
  const sortedErrors = Object.fromEntries(Object.entries(errors).sort(([a], [b]) => Number(a) - Number(b)));
  const success = contract.success;
  return {
    operationId: contract.operationId,
    summary: contract.summary,
    description:
      `${contract.description}\n\nRequires the permission \`${route.permission}\`: a credential without it is refused with 403 ` +
      `\`insufficient_permissions\` before anything is read, written or charged. Costs ${route.credits} credit per ` +
      'successful (2xx) response; nothing else is charged.',
    tags: ['referrals'],
    'x-permission': route.permission,
    'x-credits': route.credits,
    'x-charged-responses': '2xx',
    parameters,
    ...(contract.body
      ? {
          requestBody: {
            required: contract.body.required,
            content: {
              'application/json': {
                schema: ref(contract.body.component),
                examples: { spec: { summary: 'The spec example', value: contract.body.example } },
              },
            },
          },
        }
      : {}),
    responses: {
      [String(success.status)]: {
        description: success.description,
        headers: headersOf(
          ['x-request-id', ...RATE_LIMIT_HEADERS, ...(success.idempotent ? (['Idempotent-Replayed'] as const) : [])],
          true,
        ),
        content: {
          'application/json': {
            schema: {
              allOf: [
                ref('app.Response'),
                {
                  type: 'object',
                  required: ['data'],
                  properties: { code: { const: success.status }, msg: { const: 'ok' }, data: ref(success.component) },
                },
              ],
            },
            examples: {
              spec: {
                summary: 'The spec example',
                value: { code: success.status, msg: 'ok', data: success.example, request_id: 'c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e' },
              },
            },
          },
        },
      },
      ...sortedErrors,
    },
  };
};
