/**
 * Every word the API puts in an error for clients to translate: codes, reasons and field codes.
 * Nothing else in the server makes these words (errors.ts takes only these types), and this file
 * imports nothing, so the web app's tests can import it to check each one has Polish and English text.
 */

/** `extensions.code` of the errors the server raises itself (Apollo adds its own, e.g. INTERNAL_SERVER_ERROR). */
export const ERROR_CODES = ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** `extensions.reason` of a CONFLICT: the request is fine, but the state of things refuses it. */
export const CONFLICT_REASONS = [
  // Any module: broken unique or exclusion constraints without a reason of their own, races, status moves.
  'DUPLICATE', 'OVERLAP', 'CONCURRENT_CHANGE', 'INVALID_TRANSITION',
  // Accounts and organisations.
  'DUPLICATE_EMAIL', 'DUPLICATE_KRS', 'LAST_OWNER', 'NOT_PUBLISHED',
  // Open Days.
  'SUBMISSIONS_CLOSED', 'HAS_BOOKINGS', 'DROP_IN', 'CLOSED', 'FULL', 'CLASH', 'ALREADY_BOOKED', 'NOT_ACTIVE', 'NOT_CONFIRMED',
  // Christmas tree.
  'NOT_OPEN', 'ALREADY_SIGNED_UP', 'NOT_CANCELLABLE', 'NOT_RESERVED', 'NOT_PICKED_UP',
  // NGO Fair.
  'HAS_LAYOUT', 'APPLICATIONS_CLOSED', 'ALREADY_APPLIED', 'DUPLICATE_CODE', 'PUBLISHED', 'NOT_ACCEPTED', 'UNSUITABLE', 'TAKEN', 'NOT_PLACED',
  'STAND_ASSIGNED', 'ASSIGNED_UNSUITABLE',
  // Speed dating.
  'REGISTRATION_CLOSED', 'ALREADY_REGISTERED', 'FINISHED', 'ALREADY_STARTED', 'NO_PLAN',
] as const;
export type ConflictReason = (typeof CONFLICT_REASONS)[number];

/** `extensions.reason` of a NOT_FOUND that is not about the thing asked for but about where it was asked. */
export const NOT_FOUND_REASONS = ['UNKNOWN_MUNICIPALITY'] as const;
export type NotFoundReason = (typeof NOT_FOUND_REASONS)[number];

/** `extensions.reason` of a BAD_USER_INPUT the database raised: a value it cannot store. */
export const BAD_USER_INPUT_REASONS = ['INVALID_VALUE'] as const;
export type BadUserInputReason = (typeof BAD_USER_INPUT_REASONS)[number];

export type ErrorReason = ConflictReason | NotFoundReason | BadUserInputReason;

/** `extensions.fields[].code`: why one input field was refused. */
export const FIELD_CODES = [
  // Any field: missing, or refused before any resolver ran (input guard), or by a database rule.
  'required', 'invalidId', 'invalidText', 'tooLong', 'dateRange', 'invalid', 'conflict',
  // Input classes' decorators (class-validator's constraint names, and the project's own).
  'isDefined', 'isLength', 'minLength', 'maxLength', 'matches', 'isEmail', 'isUrl', 'isInt', 'isBoolean', 'isEnum', 'min', 'max',
  'arrayMinSize', 'arrayMaxSize', 'calendarDate', 'krs', 'nip', 'regon', 'weakPassword',
  // Rules services check: ranges, orders of dates, things named that do not exist.
  'range', 'beforeStart', 'afterStart', 'afterFair', 'beforePickup', 'beforePublished', 'beforePrepared', 'outsideEdition', 'aboveCapacity',
  'outsidePlan', 'standOverlap',
  'unknown', 'unknownCode', 'unknownAccount', 'wrongPassword', 'invalidCursor',
] as const;
export type FieldCode = (typeof FIELD_CODES)[number];

export const isFieldCode = (code: string): code is FieldCode => (FIELD_CODES as readonly string[]).includes(code);
