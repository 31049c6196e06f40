export { Organization } from './organization.entity.js';
export { Membership } from './membership.entity.js';
export { OrganizationResolver, MembershipResolver } from './organization.resolver.js';
export { membershipsOf } from './organization.service.js';
