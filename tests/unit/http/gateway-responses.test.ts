import { describe, expect, it } from 'vitest';
import {
  contentLengthExceededResponse,
  GATEWAY_RESPONSE_HEADERS,
  gatewayErrorResponse,
  gatewayResponseTemplate,
  requestTooLargeResponse,
} from '../../../functions/http/gateway-responses.js';

describe("API Gateway's own answers", () => {
  it('answers a Gateway Response with its own status, in the envelope, whatever status it is handed', () => {
    const response = gatewayErrorResponse('UNAUTHORIZED', 'AbCdEfGhIjKlMnO=', 500);
    expect(response.statusCode).toBe(401);
    expect(response.headers).toEqual({ 'content-type': 'application/json' });
    expect(JSON.parse(response.body)).toMatchObject({ code: 401, request_id: 'AbCdEfGhIjKlMnO=', error: { type: 'unauthorized' } });
  });

  it("answers a fallback with the status it is handed, else its type's usual status", () => {
    expect(gatewayErrorResponse('DEFAULT_5XX', 'id', 500).statusCode).toBe(500);
    expect(gatewayErrorResponse('DEFAULT_5XX', 'id').statusCode).toBe(502);
    expect(gatewayErrorResponse('DEFAULT_4XX', 'id').statusCode).toBe(400);
  });

  it('maps only a static header, and names the request in the body by the id API Gateway generates', () => {
    expect(GATEWAY_RESPONSE_HEADERS).toEqual({ 'content-type': "'application/json'" });
    expect(JSON.parse(gatewayResponseTemplate('ACCESS_DENIED')).request_id).toBe('$context.extendedRequestId');
  });

  it('answers what it cannot customize as deployed APIs were seen to', () => {
    expect(requestTooLargeResponse()).toEqual({
      statusCode: 413,
      headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': 'BadRequestException' },
      body: '{"message":"Request Too Long"}',
    });
    expect(contentLengthExceededResponse(10 * 1024 * 1024)).toEqual({
      statusCode: 413,
      headers: { 'content-type': 'text; charset=utf-8' },
      body: 'HTTP content length exceeded 10485760 bytes.',
    });
  });
});
