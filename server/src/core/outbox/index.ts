export { OutboxMessage } from './outbox-message.entity.js';
export { deleteMessagesBefore, deleteMessagesTo, enqueueByOutcomeSql, enqueueMessage, type Message } from './outbox.js';
export { createDelivery, drainOutbox, FAILED, outboxCounts, retryMessage, startOutboxSender, type Delivery } from './outbox-sender.js';
