// Structured JSON logs and embedded-format metrics, shared by both functions.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'referrals-admin';

export const logger = new Logger({ serviceName });

export const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'ReferralsAdmin', serviceName });
