// Sets aside, on an SQS queue, the stream records that can never become events.
import { SendMessageCommand, SQSClient, type SQSClientConfig } from '@aws-sdk/client-sqs';
import type { DeadLetters } from '../events/ports.js';

export const createSqsClient = (config: SQSClientConfig = {}): SQSClient =>
  new SQSClient({ requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000 }, ...config });

export const createSqsDeadLetters = (client: SQSClient, queueUrl: string): DeadLetters => ({
  async send(letter) {
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(letter) }));
  },
});
