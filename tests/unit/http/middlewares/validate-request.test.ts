import middy from '@middy/core';
import { describe, expect, it } from 'vitest';
import type { ApiContext } from '../../../../functions/http/middlewares/request-context.js';
import { validateRequest } from '../../../../functions/http/middlewares/validate-request.js';
import { rejectReferralRoute } from '../../../../functions/http/routes/reject-referral.js';
import type { DecisionRequest } from '../../../../functions/referrals/decide-one.js';
import { context } from '../../../support/lambda.js';

describe('the request validation middleware', () => {
  const validate = async (event: Record<string, unknown>) => {
    let input: DecisionRequest | undefined;
    const handler = middy<unknown, unknown, Error, ApiContext<DecisionRequest>>()
      .use(validateRequest(rejectReferralRoute.request, rejectReferralRoute.toInput))
      .handler(async (_event, ctx) => {
        input = ctx.input;
      });
    await handler(event, context() as ApiContext<DecisionRequest>);
    return input;
  };

  it('hands the handler the typed request', async () => {
    expect(await validate({ pathParameters: { id: 'attr-1' }, body: { reason: '  fraud ' }, headers: { 'idempotency-key': 'k' } })).toEqual(
      {
        attributionId: 'attr-1',
        reason: 'fraud',
        idempotencyKey: 'k',
      },
    );
    expect(await validate({ pathParameters: { id: 'attr-1' }, body: undefined, headers: {} })).toEqual({ attributionId: 'attr-1' });
  });

  it('refuses with 400, naming every failing field', async () => {
    await expect(validate({ pathParameters: { id: 'a/b' }, body: { reason: '', extra: 1 }, headers: {} })).rejects.toMatchObject({
      type: 'invalid_request',
      message: 'id must be 1-128 characters of A-Z, a-z, 0-9, _ or -',
      context: {
        issues: [
          { field: 'pathParameters.id', message: 'id must be 1-128 characters of A-Z, a-z, 0-9, _ or -' },
          { field: 'body.reason', message: 'reason must not be blank' },
          { field: 'body.extra', message: 'body must be a JSON object whose only fields are reason and reason_code' },
        ],
      },
    });
  });
});
