export { OpenDaysEdition } from './edition.entity.js';
export { Activity } from './activity.entity.js';
export { Slot } from './slot.entity.js';
export { Booking } from './booking.entity.js';
export { CalendarFeed } from './calendar-feed.entity.js';
export { ActivityResolver, OpenDaysEditionResolver, SlotResolver } from './open-days.resolver.js';
export { BookingResolver } from './booking.resolver.js';
export { calendarForToken, municipalityOfCalendarFeed } from './plan.service.js';
export {
  cancelFutureBookingsOf, deleteCalendarFeedOf, forgetBookingHoldersBefore, seatsEvent, type SeatsChange,
} from './booking.service.js';
