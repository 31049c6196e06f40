export { FailedMessageResolver } from './message.resolver.js';
