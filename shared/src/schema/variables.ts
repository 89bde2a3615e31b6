import type { AttributeDeclaration } from './settings'

/** Attributes every workspace has; all optional, so templates must give them a fallback. */
export const BUILTIN_ATTRIBUTES: readonly AttributeDeclaration[] = [
  { name: 'name', type: 'string', required: false },
  { name: 'surname', type: 'string', required: false },
  { name: 'city', type: 'string', required: false },
  { name: 'tier', type: 'string', required: false },
  { name: 'points', type: 'number', required: false },
  { name: 'points_expire_at', type: 'date', required: false },
  { name: 'last_purchase', type: 'string', required: false },
  { name: 'last_order_at', type: 'date', required: false },
  { name: 'signup_at', type: 'date', required: false },
  { name: 'birthday', type: 'date', required: false },
  { name: 'cart_item', type: 'string', required: false },
]

/** Variables the engine fills for the coupon a send issues or a reminder recalls. */
export const COUPON_VARIABLES = ['coupon.code', 'coupon.value', 'coupon.label', 'coupon.expires'] as const
export const LINK_VARIABLE = 'link'

export function declaredAttributes(custom: readonly AttributeDeclaration[] | undefined): Map<string, AttributeDeclaration> {
  const byName = new Map(BUILTIN_ATTRIBUTES.map((attribute) => [attribute.name, attribute]))
  for (const attribute of custom ?? []) byName.set(attribute.name, attribute)
  return byName
}
