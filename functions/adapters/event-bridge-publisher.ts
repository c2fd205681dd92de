// Publishes domain events with EventBridge PutEvents; entry results come back in request order.
import { EventBridgeClient, type EventBridgeClientConfig, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { EventPublisher } from '../events/ports.js';
import type { DomainEvent } from '../referrals/review-event.js';

export const createEventBridgeClient = (config: EventBridgeClientConfig = {}): EventBridgeClient =>
  new EventBridgeClient({
    requestHandler: { httpsAgent: { keepAlive: true }, connectionTimeout: 1_000, requestTimeout: 3_000 },
    ...config,
  });

/** A domain event as a PutEvents entry on the given bus. */
export const toPutEventsEntry = (event: DomainEvent, eventBusName: string) => ({
  EventBusName: eventBusName,
  Source: event.source,
  DetailType: event.detailType,
  Detail: JSON.stringify(event.detail),
});

export const createEventBridgePublisher = (client: EventBridgeClient, eventBusName: string): EventPublisher => ({
  async publish(events) {
    const result = await client.send(new PutEventsCommand({ Entries: events.map((event) => toPutEventsEntry(event, eventBusName)) }));
    // "The order of the entries in the response matches the order of the entries in the request."
    return events.map((_, index) => {
      const entry = result.Entries?.[index];
      return entry?.EventId && !entry.ErrorCode ? { published: true } : { published: false, code: entry?.ErrorCode ?? 'Unknown' };
    });
  },
});
