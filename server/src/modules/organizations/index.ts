export { Organization } from './organization.entity.js';
export { Membership } from './membership.entity.js';
export { OrganizationResolver } from './organization.resolver.js';
export {
  membershipsOfUserSql, organizationInMunicipality, organizationReadShape, removeMembershipsOf,
} from './organization.service.js';
export { organizationsById } from './organization.loaders.js';
export { OrganizationStatus } from './organization.enums.js';
