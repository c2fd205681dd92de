import { describe, expect, it } from 'vitest';
import { requestIdOf } from '../../../functions/http/envelope.js';

describe('the request id', () => {
  it("is API Gateway's extended id, never the requestId a client can set, else Lambda's own", () => {
    expect(requestIdOf({ requestContext: { extendedRequestId: 'AbCdEfGhIjKlMnO=' } }, 'lambda-1')).toBe('AbCdEfGhIjKlMnO=');
    expect(requestIdOf({ requestContext: {} }, 'lambda-1')).toBe('lambda-1');
    expect(requestIdOf({}, 'lambda-1')).toBe('lambda-1');
    expect(requestIdOf({})).toBe('unknown');
  });
});
