import abOfferTest from '../templates/ab-offer-test.json'
import abandonedCart from '../templates/abandoned-cart.json'
import birthday from '../templates/birthday.json'
import couponExpiryReminder from '../templates/coupon-expiry-reminder.json'
import newUserActivation from '../templates/new-user-activation.json'
import wakeUp45Days from '../templates/wake-up-45-days.json'
import winBack90Days from '../templates/win-back-90-days.json'
import type { JourneyDocument } from './schema/document'

/**
 * Ready journeys from the recall playbook, in the order the gallery shows them. The JSON files
 * are the source; a test validates every one.
 */
export const JOURNEY_TEMPLATES = [
  newUserActivation,
  wakeUp45Days,
  winBack90Days,
  couponExpiryReminder,
  abandonedCart,
  birthday,
  abOfferTest,
] as unknown as readonly JourneyDocument[]
