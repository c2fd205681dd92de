// What API Gateway accepts from a Lambda proxy integration's function: the status of a well-formed result.
const PROXY_RESULT_KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);

/**
 * The status of a Lambda proxy response API Gateway can use, or undefined for a malformed one, which is a 502
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html). As recorded against AWS in LocalStack's
 * test_apigateway_lambda.snapshot.json (test_aws_proxy_response_payload_format_validation): a numeric string
 * statusCode is taken, no statusCode is 200, a non-numeric one or a key outside the documented shape
 * (set-up-lambda-proxy-integrations.html) is malformed.
 */
export const proxyResultStatus = (result: unknown): number | undefined => {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return undefined;
  const { statusCode, headers, body, multiValueHeaders } = result as Record<string, unknown>;
  if (Object.keys(result).some((key) => !PROXY_RESULT_KEYS.has(key))) return undefined;
  const isStringMap = (map: unknown, item: (value: unknown) => boolean) =>
    map === undefined || (typeof map === 'object' && map !== null && Object.values(map).every(item));
  const wellFormed =
    (body === undefined || body === null || typeof body === 'string') &&
    isStringMap(headers, (value) => ['string', 'number', 'boolean'].includes(typeof value)) &&
    isStringMap(multiValueHeaders, (value) => Array.isArray(value));
  if (!wellFormed) return undefined;
  if (statusCode === undefined) return 200;
  const status = typeof statusCode === 'string' && /^[0-9]+$/.test(statusCode) ? Number(statusCode) : statusCode;
  return Number.isInteger(status) ? (status as number) : undefined;
};
