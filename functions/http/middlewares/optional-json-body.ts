// An optional JSON body: absent or empty is fine, oversized is refused before parsing, the rest goes to middy's parser.
import type { MiddlewareObj } from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { ApiError } from '../api-error.js';
import { countTopLevelKeys } from '../top-level-keys.js';

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The body's size in bytes; a base64 body is measured as decoded (padding excluded). */
const bodySize = (body: string, isBase64Encoded: boolean): number => Buffer.byteLength(body, isBase64Encoded ? 'base64' : 'utf8');

/**
 * The API delivers every body as the client's bytes (binaryMediaTypes), so invalid UTF-8 is refused here rather than
 * read as U+FFFD replacement characters.
 */
const decodeUtf8 = (bytes: Buffer): string => {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    throw new ApiError('invalid_request', { message: 'Request body must be valid UTF-8' });
  }
};

export const optionalJsonBody = (options: { maxBytes: number }): MiddlewareObj<APIGatewayProxyEvent> => {
  const parser = httpJsonBodyParser<APIGatewayProxyEvent>();
  return {
    before: (request) => {
      const { body, isBase64Encoded } = request.event;
      if (body === null || body === undefined || body === '') {
        (request.event as { body: unknown }).body = undefined;
        return;
      }
      if (bodySize(body, isBase64Encoded) > options.maxBytes) {
        throw new ApiError('invalid_request', { message: `Request body must be at most ${options.maxBytes} bytes` });
      }
      // Decode once here, so the parser and the duplicate-field check read the same text.
      const text = isBase64Encoded ? decodeUtf8(Buffer.from(body, 'base64')) : body;
      request.event.body = text;
      request.event.isBase64Encoded = false;
      parser.before?.(request as never);
      const parsed: unknown = request.event.body;
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        if (countTopLevelKeys(text) !== Object.keys(parsed).length) {
          throw new ApiError('invalid_request', { message: 'Request body must not repeat a field' });
        }
      }
    },
  };
};
