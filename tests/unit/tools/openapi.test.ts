import { readFileSync } from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { plans } from '../../../functions/billing/plans.js';
import { gatewayResponses } from '../../../functions/http/gateway-responses.js';
import { endpointOf } from '../../../functions/http/route.js';
import { apiRoutes } from '../../../functions/http/routes/index.js';
import { AttributionStatusSchema } from '../../../functions/referrals/attribution.js';
import { buildOpenApiDocument, renderOpenApiDocument } from '../../../tools/openapi/document.js';

const root = path.resolve(import.meta.dirname, '../../..');
const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
const committed = readFileSync(path.join(root, 'openapi.json'), 'utf8');
const document = buildOpenApiDocument(version);
type Operation = { 'x-credits': number; responses: Record<string, any>; requestBody?: any; parameters: any[] };
const operations = Object.entries(document.paths).flatMap(([template, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ template, method: method.toUpperCase(), operation: operation as Operation })),
);

describe('openapi.json', () => {
  it('is what `npm run openapi` generates from the schemas (run it after changing them)', () => {
    expect(committed).toBe(renderOpenApiDocument(version));
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
  });

  it('describes every route, with its credit cost', () => {
    expect(operations.map(({ method, template }) => `${method} ${template}`).sort()).toEqual(apiRoutes.map(endpointOf).sort());
    for (const { operation, method, template } of operations) {
      const route = apiRoutes.find((candidate) => endpointOf(candidate) === `${method} ${template}`);
      expect(operation['x-credits']).toBe(route?.credits);
    }
  });

  it('publishes each route at the method and path its clients call, as the README lists them', () => {
    // Written out on purpose: every other test builds its paths from the route modules, so only this one sees a route moved.
    expect(apiRoutes.map(endpointOf)).toEqual([
      'GET /api/v1/admin/referrals',
      'GET /api/v1/admin/referrals/{id}',
      'POST /api/v1/admin/referrals/{id}/reject',
      'POST /api/v1/admin/referrals/{id}/approve',
      'POST /api/v1/admin/referrals/reject',
      'POST /api/v1/admin/referrals/approve',
      'POST /api/v1/admin/referrals/{id}/claim',
      'DELETE /api/v1/admin/referrals/{id}/claim',
      'POST /api/v1/admin/referrals/claims',
      'POST /api/v1/admin/referrals/{id}/notes',
      'POST /api/v1/admin/referrals/{id}/reopen',
    ]);
  });

  it("describes every API Gateway answer on every route, with each type's status", () => {
    for (const { operation } of operations) {
      for (const { type, status } of Object.values(gatewayResponses)) {
        for (const answered of status === null ? (type === 'upstream_failure' ? [500, 502] : []) : [status]) {
          // The error is one variant per type, each with its constant type: a union a generated client narrows on error.type.
          const error = operation.responses[String(answered)]?.content['application/json'].schema.allOf[1].properties.error;
          const variants = (error.oneOf ?? [error]) as { properties: { type: { const: string } } }[];
          expect(variants.map((variant) => variant.properties.type.const)).toContain(type);
        }
      }
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['413', '414']));
    }
  });

  it('generates the plan table from functions/billing/plans.ts', () => {
    expect(
      document.info['x-plans'].map((plan) => [
        plan.plan,
        plan.included_credits_per_month,
        plan.daily_cap_credits,
        plan.rate_limit_per_minute,
      ]),
    ).toEqual(Object.values(plans).map((plan) => [plan.name, plan.includedCreditsPerMonth, plan.dailyCap, plan.ratePerMinute]));
    expect(document.info.description).toContain('| pro | $79 | 400,000 | none | 120/min | $0.30 / 1,000 |');
  });

  it('names its components as the public page does', () => {
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'app.Response',
        'referrals.adminReferralRejectRequestDoc',
        'referrals.adminReferralReviewResponseDoc',
        'referrals.adminReferralAttributionRecordDoc',
        'referrals.adminReferralRewardRecordDoc',
      ]),
    );
    const attribution = document.components.schemas['referrals.adminReferralAttributionRecordDoc'] as any;
    expect(attribution.properties.status.enum).toEqual(AttributionStatusSchema.options);
    expect((document.components.schemas['referrals.adminReferralRewardRecordDoc'] as any).properties.role.enum).toEqual([
      'referrer',
      'referred',
    ]);
  });

  it('holds examples that match their own schemas', () => {
    const ajv = new Ajv2020({ strict: false, validateSchema: false });
    addFormats.default(ajv);
    ajv.addSchema(document, 'openapi.json');
    const pointer = (...parts: string[]) => parts.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
    let checked = 0;
    for (const { template, method, operation } of operations) {
      const at = (...parts: string[]) => `openapi.json#/${pointer('paths', template, method.toLowerCase(), ...parts)}`;
      for (const [name, example] of Object.entries(operation.requestBody?.content['application/json'].examples ?? {})) {
        const validate = ajv.compile({ $ref: at('requestBody', 'content', 'application/json', 'schema') });
        expect(validate((example as { value: unknown }).value), `${template} request example ${name}`).toBe(true);
        checked += 1;
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const example of Object.values(response.content?.['application/json']?.examples ?? {})) {
          const validate = ajv.compile({ $ref: at('responses', status, 'content', 'application/json', 'schema') });
          expect(validate((example as { value: unknown }).value), `${template} ${status} example: ${ajv.errorsText(validate.errors)}`).toBe(
            true,
          );
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });
});
