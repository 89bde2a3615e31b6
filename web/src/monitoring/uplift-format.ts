import type { LocalizedText } from '@recall/shared'
import { yuan } from '../simulation/money'

/** Words of the control-group reports, shared by the live view's panel and the Program page's table. */
export const UPLIFT_TEXT = {
  group: { en: 'Contacts', zh: '联系人' },
  treated: { en: 'Treated', zh: '发送组' },
  heldOut: { en: 'Held out', zh: '对照组' },
  entered: { en: 'Entered', zh: '进入人数' },
  converted: { en: 'Converted', zh: '转化' },
  revenuePerContact: { en: 'Revenue per contact', zh: '人均收入' },
  significant: { en: 'significant', zh: '显著' },
  notYet: { en: 'not significant yet', zh: '尚不显著' },
  points: { en: 'pts', zh: '个百分点' },
} satisfies Record<string, LocalizedText>

export const percent = (value: number) => `${(value * 100).toFixed(1)}%`
/** A difference of rates in percentage points, signed. */
export const points = (value: number, unit: string) => `${value >= 0 ? '+' : '−'}${Math.abs(value * 100).toFixed(1)} ${unit}`
/** Negative figures with a true minus sign, as the differences above them. */
export const signedCount = (value: number, locale: string) => `${value < 0 ? '−' : ''}${Math.abs(value).toLocaleString(locale, { maximumFractionDigits: 1 })}`
export const signedYuan = (value: number, locale: string) => `${value >= 0 ? '+' : '−'}${yuan(Math.abs(value), locale)}`
/** "95 (10.0%)": a group's conversions and its rate. */
export const conversions = (group: { conversions: number; conversionRate: number }, locale: string) =>
  `${group.conversions.toLocaleString(locale)} (${percent(group.conversionRate)})`
