// Points every test worker at the shared DynamoDB Local before any handler module reads its configuration.
import { inject } from 'vitest';
import { tableEnvironment } from '../../lib/tables.js';
import { LOCAL_JWT_AUDIENCE, LOCAL_JWT_ISSUER } from '../../local/console-jwks.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION, LOCAL_TABLE_NAMES } from '../../local/dynamodb-local.js';

process.env.DYNAMODB_ENDPOINT = inject('dynamoEndpoint');
process.env.AWS_REGION = LOCAL_REGION;
process.env.AWS_ACCESS_KEY_ID = LOCAL_CREDENTIALS.accessKeyId;
process.env.AWS_SECRET_ACCESS_KEY = LOCAL_CREDENTIALS.secretAccessKey;
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
for (const [key, variable] of Object.entries(tableEnvironment)) {
  process.env[variable] = LOCAL_TABLE_NAMES[key as keyof typeof LOCAL_TABLE_NAMES];
}
process.env.ADMIN_JWT_JWKS_URL = inject('consoleJwksUrl');
process.env.ADMIN_JWT_ISSUER = LOCAL_JWT_ISSUER;
process.env.ADMIN_JWT_AUDIENCE = LOCAL_JWT_AUDIENCE;
// UTC+14: the day and month windows must follow UTC, whatever the machine's zone.
process.env.TZ = 'Pacific/Kiritimati';
process.env.EVENT_BUS_NAME = 'referrals-test';
process.env.DEAD_LETTER_QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/referrals-test-dlq';
