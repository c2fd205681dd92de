import { describe, expect, it } from 'vitest';
import { fromAuthorizerContext, toAuthorizerContext } from '../../../functions/auth/principal.js';

describe('the principal handed through the authorizer context', () => {
  it('survives the trip as strings', () => {
    const principal = { userId: 'u', subjectId: 's', plan: 'growth', authMethod: 'jwt', overageEnabled: true } as const;
    expect(fromAuthorizerContext(toAuthorizerContext(principal))).toEqual(principal);
  });

  it('is refused when missing or malformed', () => {
    expect(fromAuthorizerContext(undefined)).toBeUndefined();
    expect(
      fromAuthorizerContext({ userId: 'u', subjectId: 's', plan: 'platinum', authMethod: 'jwt', overageEnabled: 'false' }),
    ).toBeUndefined();
  });
});

describe('the principal from a direct invocation', () => {
  it('accepts booleans as well as the strings API Gateway hands over', () => {
    const context = { userId: 'u', subjectId: 's', plan: 'pro', authMethod: 'api_key' };
    expect(fromAuthorizerContext({ ...context, overageEnabled: true })?.overageEnabled).toBe(true);
    expect(fromAuthorizerContext({ ...context, overageEnabled: 'true' })?.overageEnabled).toBe(true);
    expect(fromAuthorizerContext({ ...context, overageEnabled: false })?.overageEnabled).toBe(false);
  });
});
