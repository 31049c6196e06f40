import { invalidateAll } from '$app/navigation';
import { subscriptionStore } from '@urql/svelte';
import { graphql } from '#lib/graphql.ts';
import { liveClient } from '#lib/live.ts';

const ClockChanged = graphql(`subscription ClockChanged($sessionId: ID!) { speedDatingClock(sessionId: $sessionId) { status round phase } }`);

/** Reloads the page's data whenever the session's clock or plan changes (pushed by the server). */
export function followSession(municipality: string, sessionId: string): () => void {
  const store = subscriptionStore({ client: liveClient(municipality), query: ClockChanged, variables: { sessionId } });
  return store.subscribe((result) => {
    if (result.data) void invalidateAll();
  });
}
