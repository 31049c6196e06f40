export { Fair, FairApplication, Stand, StandAssignment } from './fair.entity.js';
export { FairApplicationResolver, FairResolver } from './fair.resolver.js';
export { anonymiseApplicationsSubmittedBy, forgetFairsBefore } from './fair.service.js';
