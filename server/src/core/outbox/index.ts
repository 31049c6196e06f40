export { OutboxMessage } from './outbox-message.entity.js';
export {
  deleteMessagesBefore, deleteMessagesTo, enqueueFactsSql, enqueueMessage, type Message, type MessageContent, messageContent, readableContent, registerMessageTemplate,
} from './outbox.js';
export { createDelivery, drainOutbox, FAILED, outboxCounts, retryMessage, startOutboxSender, type Delivery, type QueuedMessage } from './outbox-sender.js';
