// Builds the OpenAPI 3.1 document from the routes' contracts and the project's own valibot schemas; never written by hand.
import { toJsonSchemaDefs } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { type Plan, plans } from '../../functions/billing/plans.js';
import type { Route } from '../../functions/http/route.js';
import { apiRoutes, routeContracts } from '../../functions/http/routes/index.js';
import { operation } from './operation.js';
import { conversion, ref, SHARED_SCHEMAS } from './schemas.js';

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
