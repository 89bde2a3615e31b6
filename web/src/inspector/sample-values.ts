import { SAMPLE_CONTACT, type TemplateValues } from '@recall/shared'

/** The sample contact the message previews are rendered for: the server's preview uses the same one. */
export const SAMPLE_VALUES: TemplateValues = {
  ...SAMPLE_CONTACT.attributes,
  'coupon.code': 'RC8F2K',
  'coupon.value': '30',
  'coupon.label': '满100减30券',
  'coupon.expires': '11月27日 23:59',
  link: 'https://rcl.cn/aB3dE9x',
}
