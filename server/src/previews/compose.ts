import { type ComposedMessage, type ContactView, composeMessages, isMessageNode, type SendPolicies } from '@recall/engine'
import { type ContactPreview, type JourneyDocument, type MessagePreview, nodeKindOf, normalizedExternalId, SAMPLE_CONTACT, schemaProblems } from '@recall/shared'
import { eq } from 'drizzle-orm'
import type { Database } from '../db/database'
import { contacts } from '../db/schema/index'
import { ApiError } from '../plugins/errors'
import { contactViewOf } from '../worker/contact-view'

export interface PreviewedContact {
  view: ContactView
  summary: ContactPreview['contact']
}

/** The contact a preview or test send is rendered for: a stored one by its external id, or the sample. */
export async function previewedContact(db: Database, contactId: string | undefined): Promise<PreviewedContact> {
  if (contactId === undefined) {
    const view = { ...SAMPLE_CONTACT, attributes: { ...SAMPLE_CONTACT.attributes }, consent: true, suppressed: false, sends: [], events: [] }
    return { view, summary: { id: SAMPLE_CONTACT.id, sample: true, name: SAMPLE_CONTACT.attributes.name } }
  }
  const [row] = await db
    .select()
    .from(contacts)
    .where(eq(contacts.externalId, normalizedExternalId(contactId)))
  if (!row)
    throw new ApiError(404, 'contact_not_found', { en: `Preview contact: no contact "${contactId}"`, zh: `预览联系人:联系人 "${contactId}" 不存在` }, [
      { code: 'contact_not_found', severity: 'error', path: '/body/contactId', message: { en: `No contact "${contactId}"`, zh: `联系人 "${contactId}" 不存在` } },
    ])
  const name = row.attributes.name
  return { view: contactViewOf(row, undefined), summary: { id: row.externalId, sample: false, ...(typeof name === 'string' ? { name } : {}) } }
}

/** A message node whose data does not fit its kind yet cannot be rendered: it is named, not guessed at. */
function splitRenderable(document: JourneyDocument): { renderable: JourneyDocument; incomplete: string[] } {
  const incomplete: string[] = []
  const nodes = document.nodes.filter((node) => {
    const fits = schemaProblems(nodeKindOf(node.type).dataSchema, node.data, '').length === 0
    if (!fits && isMessageNode(node)) incomplete.push(node.id)
    return fits
  })
  return { renderable: { ...document, nodes }, incomplete }
}

export function toMessagePreview({ node, send }: ComposedMessage, shortLinkBase: string): MessagePreview {
  const { effect, coupon } = send
  return {
    nodeId: node.id,
    kind: node.type,
    channel: effect.channel,
    category: effect.category,
    text: effect.text,
    parts: send.parts,
    missing: send.missing,
    ...(coupon
      ? { coupon: { code: coupon.code, label: coupon.label, expiresAt: new Date(coupon.expiresAt).toISOString(), ...(coupon.poolId ? { poolId: coupon.poolId } : {}) } }
      : {}),
    ...(effect.link ? { link: { shortUrl: `${shortLinkBase}/${effect.link.code}`, url: effect.link.url } } : {}),
    ...(effect.template ? { template: effect.template } : {}),
    ...(effect.mms ? { mms: { title: effect.mms.title, slides: effect.mms.slides } } : {}),
  }
}

/**
 * Every message node of the document, in the order a contact meets them, as this contact would get
 * it now. `linkCode`: the install's keyed short link codes, for a message that is sent (a test); a
 * preview's links lead nowhere and keep the plain hash.
 */
export function composeForContact(
  document: JourneyDocument,
  contact: ContactView,
  policies: SendPolicies,
  now: number,
  keyOf: (nodeId: string) => string,
  linkCode?: (key: string) => string,
) {
  const { renderable, incomplete } = splitRenderable(document)
  return { composed: composeMessages(renderable, contact, policies, now, keyOf, linkCode), incomplete }
}
