import type { TemplateValues } from '@recall/shared'

/** The sample contact the message previews are rendered for. */
export const SAMPLE_VALUES: TemplateValues = {
  name: '张女士',
  surname: '张',
  city: '上海',
  tier: 'gold',
  points: 268,
  last_purchase: '羊绒围巾',
  cart_item: '羊绒围巾',
  'coupon.code': 'RC8F2K',
  'coupon.value': '30',
  'coupon.label': '满100减30券',
  'coupon.expires': '11月27日 23:59',
  link: 'https://rcl.cn/aB3dE9x',
}
