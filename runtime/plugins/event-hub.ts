import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { CommittedEvent } from '../services/workflow-service.js';
import type { WsServerMessage } from '../schemas/ws-messages.js';
import { messageFor } from './event-visibility.js';
import type { Identity } from './identity.js';

/** A connected websocket client: who it is and how to send to it. */
export interface HubClient {
  readonly identity: Identity;
  send(message: WsServerMessage): void;
}

/** Fans the service's after-commit events out to connected clients, each seeing only its share. */
export interface EventHub {
  /** Registers a client; returns the function that removes it. */
  join(client: HubClient): () => void;
  readonly size: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    eventHub: EventHub;
  }
}

export function createEventHub(): EventHub & { publish(events: readonly CommittedEvent[]): void } {
  const clients = new Set<HubClient>();
  return {
    join(client) {
      clients.add(client);
      return () => clients.delete(client);
    },
    get size() {
      return clients.size;
    },
    publish(events) {
      for (const client of clients) {
        for (const event of events) {
          const message = messageFor(event, client.identity);
          if (message !== null) client.send(message);
        }
      }
    },
  };
}

async function eventHubPlugin(app: FastifyInstance): Promise<void> {
  const hub = createEventHub();
  app.decorate('eventHub', hub);
  const unsubscribe = app.workflow.onCommitted((events) => {
    try {
      hub.publish(events);
    } catch (error) {
      // A push failure must never reach the service's commit path.
      app.log.error({ err: error }, 'websocket fan-out failed');
    }
  });
  app.addHook('onClose', async () => unsubscribe());
}

export const eventHub = fp(eventHubPlugin, { name: 'event-hub', dependencies: ['workflow-service'] });
