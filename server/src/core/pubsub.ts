import { createPubSub } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';

/**
 * Events for GraphQL subscriptions. In memory for one process; through Redis when REDIS_URL is set,
 * so a change made on one server instance reaches subscribers connected to another.
 *
 * Redis pub/sub channels are global to a Redis server (the database number in REDIS_URL does not
 * separate them), so every channel carries `channelPrefix`: deployments sharing one Redis never see
 * each other's events.
 */
export function createAppPubSub(redisUrl?: string, channelPrefix = 'razem') {
  if (!redisUrl) return { pubSub: createPubSub(), close: async () => {} };
  const publisher = new Redis(redisUrl);
  const subscriber = new Redis(redisUrl);
  const prefix = `${channelPrefix}:`;
  const pubSub = createPubSub({
    eventTarget: createRedisEventTarget({
      // The event target only publishes, subscribes, unsubscribes and listens: add and strip the prefix there.
      publishClient: { publish: (channel: string, message: string) => publisher.publish(prefix + channel, message) } as unknown as Redis,
      subscribeClient: {
        subscribe: (channel: string) => subscriber.subscribe(prefix + channel),
        unsubscribe: (channel: string) => subscriber.unsubscribe(prefix + channel),
        on: (_event: 'message', listener: (channel: string, message: string) => void) =>
          subscriber.on('message', (channel: string, message: string) => {
            if (channel.startsWith(prefix)) listener(channel.slice(prefix.length), message);
          }),
      } as unknown as Redis,
    }),
  });
  return {
    pubSub,
    close: async () => {
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}

export type AppPubSub = ReturnType<typeof createAppPubSub>['pubSub'];
