import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient } from 'graphql-ws';
import { persistedExchange } from '@urql/exchange-persisted';

/**
 * One urql client per signed-in state: queries over HTTP to /graphql as persisted queries, mutations as POST,
 * subscriptions over graphql-ws on the same path (the Host upgrades it), all with the viewer's token. A new token makes a new client, so the
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
      // Automatic persisted queries, as the Host speaks them: a query goes as GET /graphql with its SHA-256 only (a
      // CDN or the browser may cache it); the first time, the Host answers PERSISTED_QUERY_NOT_FOUND and the exchange
      // sends the text once with its hash. Mutations go as they are.
      persistedExchange({ preferGetForPersistedQueries: true }),
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
