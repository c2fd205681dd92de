// Production wiring of the event forwarder: config read once, one EventBridge and one SQS client per container.
import * as v from 'valibot';
import { createEventBridgeClient, createEventBridgePublisher } from '../../adapters/event-bridge-publisher.js';
import { createSqsClient, createSqsDeadLetters } from '../../adapters/sqs-dead-letters.js';
import type { DeadLetters, EventPublisher } from '../../events/ports.js';
import { CommonConfigSchema, optionalVariable, readConfig, requiredVariable } from '../../shared/config.js';

const ForwarderConfigSchema = v.object({
  ...CommonConfigSchema.entries,
  EVENT_BUS_NAME: requiredVariable,
  DEAD_LETTER_QUEUE_URL: requiredVariable,
  /** Another EventBridge endpoint, e.g. the local sink of `npm start`. */
  EVENTS_ENDPOINT: v.pipe(optionalVariable, v.union([v.undefined(), v.pipe(v.string(), v.url('must be a URL'))])),
});

export type ForwarderDeps = { publisher: EventPublisher; deadLetters: DeadLetters };

export const createForwarderDeps = (env: NodeJS.ProcessEnv = process.env, overrides: Partial<ForwarderDeps> = {}): ForwarderDeps => {
  const config = readConfig(ForwarderConfigSchema, env);
  return {
    publisher:
      overrides.publisher ??
      createEventBridgePublisher(
        createEventBridgeClient(config.EVENTS_ENDPOINT ? { endpoint: config.EVENTS_ENDPOINT } : {}),
        config.EVENT_BUS_NAME,
      ),
    deadLetters: overrides.deadLetters ?? createSqsDeadLetters(createSqsClient(), config.DEAD_LETTER_QUEUE_URL),
  };
};
