import type { MessageCategory } from '../schema/common'
import type { SmsPartCount } from '../text/sms-parts'

/** One message node as a given contact would get it, rendered by the code that sends it. */
export interface MessagePreview {
  nodeId: string
  kind: 'send_sms' | 'send_mms' | 'reminder_before_expiry'
  channel: 'sms' | 'mms'
  category: MessageCategory
  /** The exact text: 【brand】, filled variables, short link and opt-out line. */
  text: string
  parts: SmsPartCount
  /** Variables with neither a value nor a fallback: they go out as nothing. */
  missing: string[]
  coupon?: { code: string; label: string; expiresAt: string; poolId?: string }
  /** The contact's own short link and where it leads. */
  link?: { shortUrl: string; url: string }
  /** For template providers: the template code and its filled parameters. */
  template?: { code: string; params: Record<string, string> }
  mms?: { title: string; slides: { text: string; mediaUrl?: string }[] }
}

export interface PreviewContact {
  /** The contact's external id, or "sample". */
  id: string
  sample: boolean
  name?: string
}

export interface ContactPreview {
  contact: PreviewContact
  messages: MessagePreview[]
  /** Message nodes whose settings are incomplete: fix their problems to see them. */
  incomplete: string[]
}

/** The sample contact previews use when no real one is picked; its values show every kind of variable. */
export const SAMPLE_CONTACT = {
  id: 'sample',
  timeZone: 'Asia/Shanghai',
  attributes: { name: '张女士', surname: '张', city: '上海', tier: 'gold', points: 268, last_purchase: '羊绒围巾', cart_item: '羊绒围巾' },
} as const
