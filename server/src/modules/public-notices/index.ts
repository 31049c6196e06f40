export { AccessibilityStatement, PrivacyNotice } from './public-notices.entity.js';
export { AssessmentMethod, ComplianceStatus } from './public-notices.enums.js';
export { PublicNoticesResolver } from './public-notices.resolver.js';
