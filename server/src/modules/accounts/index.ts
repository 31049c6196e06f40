export { User } from './user.entity.js';
export { Session } from './session.entity.js';
export { AccountResolver } from './account.resolver.js';
export { usersById } from './account.loaders.js';
export {
  confirmPassword, createUser, eraseAccountRecord, findUserByEmail, inactiveAccounts, removeExpiredSessions, toActor, actorForSession, hashSessionToken,
} from './account.service.js';
export { userReadShape } from './user.read.js';
