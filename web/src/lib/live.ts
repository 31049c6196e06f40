import { Client, subscriptionExchange } from '@urql/core';
import { createClient as createSocketClient } from 'graphql-ws';

let client: Client | undefined;

/**
 * The browser's urql client for live updates (GraphQL subscriptions over a WebSocket to this
 * site's /graphql). One per page load and municipality; the session cookie goes with the upgrade.
 */
export function liveClient(municipality: string): Client {
  if (client) return client;
  const socket = createSocketClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    connectionParams: { municipality },
    retryAttempts: Infinity,
  });
  client = new Client({
    url: '/graphql',
    exchanges: [
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: socket.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });
  return client;
}
