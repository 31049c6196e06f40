import { expect, test } from 'vitest';
import { createAppPubSub } from '../../src/core/pubsub.js';

const redisUrl = process.env.TEST_REDIS_URL;

// Two server instances share live events through Redis. Needs a Redis server: .ci/run sets
// TEST_REDIS_URL when one answers on 127.0.0.1:6379.
test.skipIf(!redisUrl)('an event published on one instance reaches a subscriber on another through Redis', async () => {
  const first = createAppPubSub(redisUrl);
  const second = createAppPubSub(redisUrl);
  try {
    const topic = `TEST_${Date.now()}`;
    const iterator = second.pubSub.subscribe(topic, 'edition-1')[Symbol.asyncIterator]();
    const next = iterator.next();
    // Let the subscribing client register with Redis before publishing.
    await new Promise((resolve) => setTimeout(resolve, 200));
    first.pubSub.publish(topic, 'edition-1', { slotId: 's1', seatsLeft: 3 });
    expect((await next).value).toEqual({ slotId: 's1', seatsLeft: 3 });
    await iterator.return?.();
  } finally {
    await first.close();
    await second.close();
  }
});

test.skipIf(!redisUrl)('two deployments sharing one Redis never see each other\'s events', async () => {
  const [ours, oursToo, theirs] = [createAppPubSub(redisUrl, 'leszno-prod'), createAppPubSub(redisUrl, 'leszno-prod'), createAppPubSub(redisUrl, 'staging')];
  try {
    const topic = `TEST_${Date.now()}`;
    const received: string[] = [];
    const listen = async (name: string, pubSub: typeof ours.pubSub) => {
      for await (const event of pubSub.subscribe(topic, 'x')) received.push(`${name}:${(event as { from: string }).from}`);
    };
    void listen('oursToo', oursToo.pubSub);
    void listen('theirs', theirs.pubSub);
    await new Promise((resolve) => setTimeout(resolve, 200));
    ours.pubSub.publish(topic, 'x', { from: 'ours' });
    theirs.pubSub.publish(topic, 'x', { from: 'theirs' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.sort()).toEqual(['oursToo:ours', 'theirs:theirs']);
  } finally {
    await Promise.all([ours.close(), oursToo.close(), theirs.close()]);
  }
});

test('without Redis, events stay in the process', async () => {
  const { pubSub } = createAppPubSub();
  const iterator = pubSub.subscribe('LOCAL', 'x')[Symbol.asyncIterator]();
  const next = iterator.next();
  pubSub.publish('LOCAL', 'x', { ok: true });
  expect((await next).value).toEqual({ ok: true });
  await iterator.return?.();
});
