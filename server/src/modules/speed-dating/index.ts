export { SpeedDatingMeeting, SpeedDatingParticipant, SpeedDatingSession } from './speed-dating.entity.js';
export { SpeedDatingParticipantResolver, SpeedDatingResolver } from './speed-dating.resolver.js';
export { startSpeedDatingTicker } from './ticker.js';
export { anonymiseParticipationsOf, forgetSessionsBefore, withdrawFromSpeedDating } from './speed-dating.service.js';
export { clockEvent } from './live.js';
