export { Fair, FairApplication, Stand, StandAssignment } from './fair.entity.js';
export { FairApplicationResolver, FairResolver, StandPlacementResolver } from './fair.resolver.js';
export { anonymiseApplicationsSubmittedBy, forgetFairsBefore } from './fair.service.js';
