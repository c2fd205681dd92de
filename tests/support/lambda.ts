// Minimal Lambda inputs for unit tests of handlers and middlewares.
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { pathTo } from '../../functions/http/route.js';
import { rejectReferralRoute } from '../../functions/http/routes/reject-referral.js';

export const context = (overrides: Partial<Context> = {}): Context =>
  ({
    awsRequestId: 'lambda-request-1',
    functionName: 'test-function',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:test-function',
    memoryLimitInMB: '1024',
    logGroupName: '/aws/lambda/test-function',
    logStreamName: 'test',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 10_000,
    ...overrides,
  }) as Context;

export const proxyEvent = (overrides: Partial<APIGatewayProxyEvent> = {}): APIGatewayProxyEvent =>
  ({
    resource: rejectReferralRoute.path,
    path: pathTo(rejectReferralRoute, { id: 'attr-1' }),
    httpMethod: 'POST',
    headers: {},
    multiValueHeaders: {},
    pathParameters: { id: 'attr-1' },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    // A client can choose requestId; the id that names the request is the one API Gateway generates.
    requestContext: {
      requestId: 'client-chosen-1',
      extendedRequestId: 'gateway-request-1',
      authorizer: null,
    } as unknown as APIGatewayProxyEvent['requestContext'],
    ...overrides,
  }) as APIGatewayProxyEvent;

/** A logger and metrics that record what they were given. */
export const recordingObservability = () => {
  const lines: { level: string; message: string; attributes: Record<string, unknown> }[] = [];
  const metrics: { name: string; value: number }[] = [];
  const metadata: Record<string, string> = {};
  let keys: Record<string, unknown> = {};
  const log =
    (level: string) =>
    (message: string, attributes: Record<string, unknown> = {}) =>
      lines.push({ level, message, attributes: { ...keys, ...attributes } });
  return {
    lines,
    metrics,
    metadata,
    logger: {
      info: log('info'),
      error: log('error'),
      appendKeys: (added: Record<string, unknown>) => {
        keys = { ...keys, ...added };
      },
    },
    metricsRecorder: {
      addMetric: (name: string, _unit: string, value: number) => metrics.push({ name, value }),
      addMetadata: (key: string, value: string) => {
        metadata[key] = value;
      },
    },
  };
};
