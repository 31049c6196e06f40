export { RetentionSettings, DEFAULT_RETENTION, type RetentionPeriods } from './retention-settings.entity.js';
export { PersonalDataResolver } from './personal-data.resolver.js';
export { eraseAccount } from './erase.service.js';
export { exportPersonalData, type PersonalDataExport } from './export.service.js';
export { applyRetention, retentionPeriodsOf, runRetention, type RetentionOutcome } from './retention.service.js';
