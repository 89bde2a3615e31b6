import { SAMPLE_CONTACT, type TemplateValues } from '@recall/shared'

/**
 * The sample contact the message previews are rendered for: the server's preview uses the same one.
 * The coupon code and short link have the lengths real sends give them (8 and rcl.to + 7), so the part count matches.
 */
export const SAMPLE_VALUES: TemplateValues = {
  ...SAMPLE_CONTACT.attributes,
  'coupon.code': 'RC8K2M4Q',
  'coupon.value': '30',
  'coupon.label': '满100减30券',
  'coupon.expires': '11月27日 23:59',
  link: 'https://rcl.to/aB3dE9x',
}
