// Unit tests touch no AWS service. Handler modules read their configuration at import, as on Lambda, so give them
// one; the clients they build are never called. A non-UTC time zone proves the metering windows follow UTC.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.AWS_REGION ??= 'us-east-1';
process.env.REFERRALS_TABLE ??= 'referrals';
process.env.USAGE_TABLE ??= 'usage';
process.env.API_KEYS_TABLE ??= 'api-keys';
process.env.TZ = 'Pacific/Kiritimati';
process.env.EVENT_BUS_NAME ??= 'referrals-test';
process.env.DEAD_LETTER_QUEUE_URL ??= 'https://sqs.us-east-1.amazonaws.com/123456789012/referrals-test-dlq';
