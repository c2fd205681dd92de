// Structured JSON logs and embedded-format metrics; each function makes its own, so that no two share log context.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { readCommonConfig } from './config.js';

export const createObservability = (env: NodeJS.ProcessEnv = process.env) => {
  const config = readCommonConfig(env);
  return {
    logger: new Logger({ serviceName: config.POWERTOOLS_SERVICE_NAME }),
    metrics: new Metrics({
      namespace: config.POWERTOOLS_METRICS_NAMESPACE,
      serviceName: config.POWERTOOLS_SERVICE_NAME,
      defaultDimensions: { stage: config.STAGE },
    }),
  };
};

export type Observability = ReturnType<typeof createObservability>;
