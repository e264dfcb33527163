import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient } from 'graphql-ws';

/**
 * One urql client per signed-in state: queries and mutations over HTTP POST to /graphql, subscriptions over graphql-ws
 * on the same path (the Host upgrades it), both with the viewer's token. A new token makes a new client, so the
 * socket's connection_init carries it.
 */
export function makeClient(token: string | null): Client {
  const origin = window.location.origin.replace(/^http/, 'ws');
  const ws = createWsClient({
    url: `${origin}/graphql`,
    connectionParams: token ? { Authorization: `Bearer ${token}` } : undefined,
    lazy: true,
    retryAttempts: 5,
  });
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
    fetchOptions: () => ({
      headers: {
        accept: 'application/graphql-response+json, application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    }),
  });
}
