// Builds the OpenAPI 3.1 document from the routes' contracts and the project's own valibot schemas; never written by hand.
import { type ConversionConfig, toJsonSchema, toJsonSchemaDefs } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { type Plan, plans } from '../../functions/billing/plans.js';
import { EnvelopeSchema, ErrorEnvelopeSchema } from '../../functions/http/envelope-schemas.js';
import { ConflictContextSchema, LimitContextSchema, ValidationContextSchema } from '../../functions/http/error-contexts.js';
import { type ErrorType, errorTypes } from '../../functions/http/error-types.js';
import {
  GatewayMessageSchema,
  type GatewayResponseSpec,
  type GatewayResponseType,
  gatewayResponses,
} from '../../functions/http/gateway-responses.js';
import { readableTextRules } from '../../functions/http/readable-text.js';
import type { Route, RouteContract } from '../../functions/http/route.js';
import { apiRoutes, routeContracts } from '../../functions/http/routes/index.js';
import { ActivitySchema } from '../../functions/referrals/activity.js';
import { AttributionSchema, RewardSchema } from '../../functions/referrals/attribution.js';

type JsonSchema = Record<string, unknown>;

/**
 * What JSON Schema cannot say is left to the descriptions: `check` (well-formed, readable Unicode) and the trim
 * (lengths count after trimming) run only in the function. A length in code points is JSON Schema's own `maxLength`.
 */
const conversion: ConversionConfig = {
  target: 'draft-2020-12',
  typeMode: 'input',
  errorMode: 'throw',
  ignoreActions: ['check', 'trim', 'trim_invisible'],
  overrideAction: ({ valibotAction, jsonSchema }) => {
    if (!('maxCodePoints' in valibotAction)) return undefined;
    const max = valibotAction.maxCodePoints as number;
    return { ...jsonSchema, maxLength: max, description: `${jsonSchema.description}: ${readableTextRules(max)}` };
  },
  overrideRef: (context) => `#/components/schemas/${context.referenceId}`,
};

const ref = (component: string) => ({ $ref: `#/components/schemas/${component}` });

const SHARED_SCHEMAS = {
  'app.Response': EnvelopeSchema,
  'app.ErrorResponse': ErrorEnvelopeSchema,
  'app.ValidationContext': ValidationContextSchema,
  'app.ConflictContext': ConflictContextSchema,
  'app.LimitContext': LimitContextSchema,
  'aws.GatewayMessage': GatewayMessageSchema,
  'referrals.adminReferralAttributionRecordDoc': AttributionSchema,
  'referrals.adminReferralRewardRecordDoc': RewardSchema,
  'referrals.adminReferralActivityRecordDoc': ActivitySchema,
};

const convert = (schema: v.GenericSchema, definitions: Record<string, v.GenericSchema>): JsonSchema => {
  const { $schema: _dialect, $defs: _defs, ...json } = toJsonSchema(schema, { ...conversion, definitions }) as JsonSchema;
  return json;
};

const header = (description: string, schema: JsonSchema, example: unknown, required = false) => ({
  description,
  ...(required ? { required } : {}),
  schema,
  example,
});

const HEADERS = {
  'x-request-id': header(
    "The id API Gateway generated for the request, as the envelope's request_id; on every response of the function",
    { type: 'string' },
    'c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e',
    true,
  ),
  'RateLimit-Policy': header('The per-minute quota (IETF httpapi ratelimit-headers)', { type: 'string' }, '"per-minute";q=120;w=60'),
  RateLimit: header('Requests remaining and seconds until the window resets', { type: 'string' }, '"per-minute";r=117;t=42'),
  'X-RateLimit-Limit': header('Requests per minute', { type: 'string', pattern: '^[0-9]+$' }, '120'),
  'X-RateLimit-Remaining': header('Requests left in this minute', { type: 'string', pattern: '^[0-9]+$' }, '117'),
  'X-RateLimit-Reset': header('Unix time (seconds) when the window resets', { type: 'string', pattern: '^[0-9]+$' }, '1795615740'),
  'Retry-After': header('Seconds until the limit that was hit resets', { type: 'string', pattern: '^[0-9]+$' }, '42'),
  'Idempotent-Replayed': header('Present on a replay of the first success made with the same Idempotency-Key', { const: 'true' }, 'true'),
};

/**
 * The headers of a response, written out: a header is `required` only when every answer of that status carries it
 * (a generated client then types it as always there), and optional otherwise, e.g. Idempotent-Replayed.
 */
const headersOf = (names: (keyof typeof HEADERS)[], required: boolean) =>
  Object.fromEntries(names.map((name) => [name, { ...HEADERS[name], required: required && name !== 'Idempotent-Replayed' }]));

const RATE_LIMIT_HEADERS: (keyof typeof HEADERS)[] = [
  'RateLimit-Policy',
  'RateLimit',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
];

/** One way a route can fail: its status, its type, who answers it, and the `code` its envelope carries. */
type ErrorEntry = { status: number; type: ErrorType; source: 'function' | GatewayResponseType; code: number };

/** API Gateway's own answers, for any route; the 5xx fallback answers Lambda's refusals (500) and function errors (502). */
const gatewayEntries = (): ErrorEntry[] =>
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

const errorVariant = (type: ErrorType, status: number) => ({
  type: 'object',
  required: ['type', 'retryable'],
  properties: {
    type: { const: type },
    retryable: { type: 'boolean' },
    ...(CONTEXTS[status] ? { context: ref(CONTEXTS[status]) } : {}),
  },
});

const errorResponse = (status: number, entries: ErrorEntry[]) => {
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

const defaultFormResponses = () =>
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

const operation = (route: Route, definitions: Record<string, v.GenericSchema>) => {
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
    description: `${contract.description}\n\nCosts ${route.credits} credit per successful (2xx) response; nothing else is charged.`,
    tags: ['referrals'],
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

const planTable = (plan: Plan) => ({
  plan: plan.name,
  price_usd_per_month: plan.priceUsdPerMonth,
  included_credits_per_month: plan.includedCreditsPerMonth,
  daily_cap_credits: plan.dailyCap,
  rate_limit_per_minute: plan.ratePerMinute,
  overage: plan.overage.kind === 'none' ? 'none' : { billed: plan.overage.kind, usd_per_1000_credits: plan.overage.usdPer1000 },
});

const usd = (amount: number) => `$${Number.isInteger(amount) ? amount : amount.toFixed(2)}`;
const count = (n: number) => n.toLocaleString('en-US');

const billingDescription = () =>
  [
    'Every endpoint is metered in credits: each successful (2xx) response costs the credits its operation states in `x-credits`; 4xx and 5xx cost nothing.',
    '',
    '| Plan | Price / month | Included credits / month | Daily cap | Rate limit | Overage |',
    '|---|---|---|---|---|---|',
    ...Object.values(plans).map(
      (plan) =>
        `| ${plan.name} | ${usd(plan.priceUsdPerMonth)} | ${count(plan.includedCreditsPerMonth)} | ${plan.dailyCap === null ? 'none' : count(plan.dailyCap)} | ${count(plan.ratePerMinute)}/min | ${
          plan.overage.kind === 'none'
            ? 'none'
            : `${usd(plan.overage.usdPer1000)} / 1,000${plan.overage.kind === 'opt_in' ? ', when enabled' : ''}`
        } |`,
    ),
  ].join('\n');

export const buildOpenApiDocument = (version: string) => {
  const definitions: Record<string, v.GenericSchema> = { ...SHARED_SCHEMAS };
  for (const contract of Object.values(routeContracts)) {
    if (contract.body) definitions[contract.body.component] = contract.body.schema;
    definitions[contract.success.component] = contract.success.schema;
  }
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of apiRoutes as readonly Route[]) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route, definitions) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Referral programme admin API',
      version,
      description: `The admin back office of the referral programme's fraud review.\n\n${billingDescription()}`,
      'x-plans': Object.values(plans).map(planTable),
    },
    servers: [
      {
        url: 'https://{apiId}.execute-api.{region}.amazonaws.com/{stage}',
        description: 'A deployed stage (the stack outputs its URL)',
        variables: { apiId: { default: 'abcdef1234' }, region: { default: 'us-east-1' }, stage: { default: 'dev' } },
      },
      { url: 'http://127.0.0.1:3000', description: '`npm start`' },
    ],
    security: [{ apiKey: [] }, { consoleJwt: [] }],
    tags: [{ name: 'referrals', description: 'Fraud review of referral attributions' }],
    paths,
    components: {
      schemas: toJsonSchemaDefs(definitions, conversion),
      securitySchemes: {
        apiKey: {
          type: 'apiKey',
          in: 'header',
          name: 'x-api-key',
          description: 'An admin API key: `ck_` followed by 16-128 characters of A-Z, a-z, 0-9, _ or -',
        },
        consoleJwt: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: "A console JWT with `role: admin`, signed by the console's JWKS",
        },
      },
      responses: {
        RouteNotFound: {
          description: 'Any path or method this API does not serve (API Gateway: MISSING_AUTHENTICATION_TOKEN)',
          content: {
            'application/json': {
              schema: {
                allOf: [
                  ref('app.ErrorResponse'),
                  { properties: { code: { const: 404 }, error: { properties: { type: { const: 'route_not_found' } } } } },
                ],
              },
            },
          },
        },
      },
    },
  };
};

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

/** The document as committed: stable key order, two-space indentation, a final newline. */
export const renderOpenApiDocument = (version: string): string => `${JSON.stringify(buildOpenApiDocument(version), null, 2)}\n`;
