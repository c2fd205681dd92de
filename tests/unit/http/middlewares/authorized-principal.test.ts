import middy from '@middy/core';
import { describe, expect, it } from 'vitest';
import { authorizedPrincipal } from '../../../../functions/http/middlewares/authorized-principal.js';
import type { ApiContext } from '../../../../functions/http/middlewares/request-context.js';
import { context, proxyEvent } from '../../../support/lambda.js';

describe('the authorized principal middleware', () => {
  const run = async (authorizer: unknown) => {
    let principal: unknown;
    const handler = middy<ReturnType<typeof proxyEvent>, unknown, Error, ApiContext>()
      .use(authorizedPrincipal())
      .handler(async (_event, ctx) => {
        principal = ctx.principal;
      });
    const event = proxyEvent();
    event.requestContext.authorizer = authorizer as never;
    await handler(event, context() as ApiContext);
    return principal;
  };

  it('reads the principal the authorizer handed over', async () => {
    expect(
      await run({ principalId: 'k', userId: 'u', subjectId: 'k', plan: 'pro', authMethod: 'api_key', overageEnabled: 'false' }),
    ).toEqual({
      userId: 'u',
      subjectId: 'k',
      plan: 'pro',
      authMethod: 'api_key',
      overageEnabled: false,
    });
  });

  it('refuses with 401 an event without a request context (a direct invocation)', async () => {
    const handler = middy<ReturnType<typeof proxyEvent>, unknown, Error, ApiContext>()
      .use(authorizedPrincipal())
      .handler(async () => 'reached');
    const event = { ...proxyEvent(), requestContext: undefined } as unknown as ReturnType<typeof proxyEvent>;
    await expect(handler(event, context() as ApiContext)).rejects.toMatchObject({ type: 'unauthorized' });
  });

  it.each([null, {}, { userId: 'u', subjectId: 'k', plan: 'gold', authMethod: 'api_key', overageEnabled: 'false' }])(
    'refuses with 401 when the context is %o',
    async (authorizer) => {
      await expect(run(authorizer)).rejects.toMatchObject({ type: 'unauthorized', statusCode: 401 });
    },
  );
});
