import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { errors } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { isKeySetUnavailable } from '../../../../functions/adapters/jwt-verifier.js';
import type { AuthDecision } from '../../../../functions/auth/authenticate.js';
import { PERMISSIONS } from '../../../../functions/auth/permissions.js';
import {
  AUTHORIZER_FAILURE_METRIC,
  AUTHORIZER_REFUSAL_METRIC,
  createHandler,
  UNAUTHORIZED,
} from '../../../../functions/handlers/authorizer/handler.js';
import { stageWildcard } from '../../../../functions/handlers/authorizer/policy.js';
import { ApiError } from '../../../../functions/http/api-error.js';
import { pathTo } from '../../../../functions/http/route.js';
import { rejectReferralRoute } from '../../../../functions/http/routes/reject-referral.js';
import { createObservability } from '../../../../functions/shared/observability.js';
import { context } from '../../../support/lambda.js';

const event = {
  type: 'REQUEST',
  methodArn: 'arn:aws:execute-api:us-east-1:1:api/dev/POST/x',
  headers: {},
  requestContext: { requestId: 'client-chosen-1', extendedRequestId: 'r-1' },
};

const authorize = (decide: () => Promise<AuthDecision>) => {
  const observability = createObservability();
  const observed = {
    metrics: vi.spyOn(observability.metrics, 'addMetric'),
    info: vi.spyOn(observability.logger, 'info'),
    error: vi.spyOn(observability.logger, 'error'),
    keys: vi.spyOn(observability.logger, 'appendKeys'),
  };
  const handler = createHandler(decide, observability);
  return { observed, invoke: () => handler(event as unknown as APIGatewayRequestAuthorizerEvent, context()) };
};

const principal = { userId: 'u', subjectId: 'key_1', plan: 'pro', authMethod: 'api_key', overageEnabled: true } as const;

describe('the authorizer handler', () => {
  it('allows an admin with the principal in the context', async () => {
    const { invoke } = authorize(async () => ({ effect: 'allow', principal }));
    const result = await invoke();
    expect(result.principalId).toBe('key_1');
    // The whole stage, not the method ARN: a resource is limited to 512 characters, and no route is singled out.
    expect(result.policyDocument.Statement).toEqual([
      { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:aws:execute-api:us-east-1:1:api/dev/*' },
    ]);
    expect(result.context).toEqual({
      userId: 'u',
      subjectId: 'key_1',
      plan: 'pro',
      authMethod: 'api_key',
      overageEnabled: 'true',
      // Every permission for a credential that names none, as one string: a context value cannot be an array.
      permissions: PERMISSIONS.join(','),
    });
  });

  it("passes the credential's permissions in the context", async () => {
    const { invoke } = authorize(async () => ({ effect: 'allow', principal, permissions: ['referrals:read'] }));
    expect((await invoke()).context).toMatchObject({ permissions: 'referrals:read' });
  });

  it('keeps the policy resource short whatever the path', () => {
    const long = `arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/prod/POST${pathTo(rejectReferralRoute, { id: 'a'.repeat(2000) })}`;
    expect(stageWildcard(long)).toBe('arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/prod/*');
  });

  it('denies a caller who is not an admin', async () => {
    const { invoke } = authorize(async () => ({ effect: 'deny', subject: 'key_2' }));
    const result = await invoke();
    expect(result.principalId).toBe('key_2');
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny' });
    expect(result.context).toBeUndefined();
  });

  it('throws exactly "Unauthorized" for an unauthenticated caller, without counting a failure', async () => {
    const { observed, invoke } = authorize(async () => ({ effect: 'unauthenticated', reason: 'no credentials' }));
    await expect(invoke()).rejects.toThrow(new Error(UNAUTHORIZED));
    expect(observed.metrics).toHaveBeenCalledTimes(1);
    expect(observed.metrics).toHaveBeenCalledWith(AUTHORIZER_REFUSAL_METRIC, 'Count', 1);
    expect(observed.keys).toHaveBeenCalledWith({ request_id: 'r-1' });
    expect(observed.info).toHaveBeenCalledWith('caller not authenticated', { reason: 'no credentials' });
  });

  it('counts and logs any other failure, and throws something other than "Unauthorized" (a 500 at API Gateway)', async () => {
    const { observed, invoke } = authorize(async () => {
      throw new ApiError('dependency_unavailable');
    });
    const error = await invoke().catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toBe(UNAUTHORIZED);
    expect(observed.metrics).toHaveBeenCalledWith(AUTHORIZER_FAILURE_METRIC, 'Count', 1);
    expect(observed.error).toHaveBeenCalledWith('authorizer failed', expect.objectContaining({ error: expect.any(ApiError) }));
  });
});

describe('telling an unreachable key set from a bad token', () => {
  it.each([
    ['a timeout', new errors.JWKSTimeout()],
    ['a non-200 answer', new errors.JOSEError('Expected 200 OK from the JSON Web Key Set HTTP response')],
    ['an answer that is no key set', new errors.JWKSInvalid()],
    ['a network failure', new TypeError('fetch failed')],
  ])('%s is an outage', (_name, error) => {
    expect(isKeySetUnavailable(error)).toBe(true);
  });

  it.each([
    ['an expired token', new errors.JWTExpired('exp', {})],
    ['a bad signature', new errors.JWSSignatureVerificationFailed()],
    ['an unknown kid', new errors.JWKSNoMatchingKey()],
    ['a disallowed algorithm', new errors.JOSEAlgNotAllowed('alg')],
    ['a failed claim', new errors.JWTClaimValidationFailed('iss', {})],
  ])('%s is a bad token', (_name, error) => {
    expect(isKeySetUnavailable(error)).toBe(false);
  });
});
