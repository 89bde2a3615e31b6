import type { LocalizedText } from '@recall/shared'
import { eq } from 'drizzle-orm'
import { scopesWithin } from '../access/permissions'
import { apiKeys, users } from '../db/schema/index'
import { ApiError } from '../plugins/errors'
import type { Executor } from '../worker/contact-view'
import { keyRights, type PublishRights, userRights } from './rights'

/** Why a due publish found nobody with the right to carry it out; recorded on the schedule until it is cancelled. */
const schedulerRefusal = (code: string, text: LocalizedText) => new ApiError(403, code, text)

const KEY_REVOKED = schedulerRefusal('scheduler_key_revoked', {
  en: 'Not published: the API key that scheduled it has been revoked. Schedule it again',
  zh: '未发布:安排此次发布的 API 密钥已被吊销。请重新安排',
})
const KEY_WITHOUT_MAKER = schedulerRefusal('scheduler_key_needs_reissue', {
  en: 'Not published: the API key that scheduled it was made before Recall recorded who made each key, so nobody answers for it. An admin must issue a new key; schedule it again',
  zh: '未发布:安排此次发布的 API 密钥创建于 Recall 记录密钥创建者之前,无人对其负责。需由管理员签发新密钥,并重新安排',
})
const SCHEDULER_REMOVED = schedulerRefusal('scheduler_removed', {
  en: 'Not published: the user who scheduled it (or made the API key that did) has been removed. Schedule it again',
  zh: '未发布:安排此次发布的用户(或创建该 API 密钥的用户)已被移除。请重新安排',
})
const CANNOT_PUBLISH = schedulerRefusal('scheduler_cannot_publish', {
  en: 'Not published: whoever scheduled it may no longer publish journeys (their role changed). Schedule it again as someone who can',
  zh: '未发布:安排此次发布的人已不能发布旅程(角色已变更)。请由有发布权限的人重新安排',
})

const SCHEDULER_NEEDS_REVIEW = schedulerRefusal('scheduler_needs_review', {
  en: 'Not published: whoever scheduled it may no longer publish without a review ("can publish" was taken from them). Submit this version for review, or schedule it again as someone who can publish',
  zh: '未发布:安排此次发布的人已不能不经审批直接发布("可直接发布"权限已被取消)。请提交此版本审核,或由有发布权限的人重新安排',
})

/** The rights of a key's maker today, through the key: thrown refusals say why there are none. */
async function keyHolderRights(db: Executor, keyId: string): Promise<PublishRights> {
  const [row] = await db
    .select({ key: { scopes: apiKeys.scopes, revokedAt: apiKeys.revokedAt, createdBy: apiKeys.createdBy }, maker: { role: users.role, canPublish: users.canPublish } })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.id, keyId))
  if (!row || row.key.revokedAt) throw KEY_REVOKED
  if (row.key.createdBy === null) throw KEY_WITHOUT_MAKER
  if (!row.maker) throw SCHEDULER_REMOVED
  return keyRights(scopesWithin(row.key.scopes, row.maker.role), row.maker)
}

async function userRightsNow(db: Executor, userId: string): Promise<PublishRights> {
  const [user] = await db.select({ role: users.role, canPublish: users.canPublish }).from(users).where(eq(users.id, userId))
  if (!user) throw SCHEDULER_REMOVED
  return userRights(user.role, user.canPublish)
}

/** The person behind a schedule's reference ("user:<id>"; a key's maker), or undefined when nobody answers for it. */
export async function schedulerPerson(db: Executor, ref: string | null): Promise<string | undefined> {
  const [kind, id] = (ref ?? '').split(/:(.*)/s)
  if (kind === 'user' && id) return `user:${id}`
  if (kind !== 'key' || !id) return undefined
  const [key] = await db.select({ createdBy: apiKeys.createdBy }).from(apiKeys).where(eq(apiKeys.id, id))
  return key?.createdBy ? `user:${key.createdBy}` : undefined
}

/**
 * The rights a due scheduled publish is judged by: its scheduler's now, from their reference, as if
 * they published at that moment (a key through its maker's current role and "can publish"). Throws,
 * naming why, when nobody may carry it out any more: a revoked key, a key nobody made, a removed
 * user, someone who may no longer publish at all, or may publish only through a review.
 */
export async function schedulerRights(db: Executor, ref: string | null): Promise<PublishRights> {
  // Schedules made before publishing rights existed carry no reference: they were made by someone who could publish.
  if (ref === null) return 'publisher'
  const [kind, id] = ref.split(/:(.*)/s)
  const rights = kind === 'key' && id ? await keyHolderRights(db, id) : kind === 'user' && id ? await userRightsNow(db, id) : 'none'
  if (rights === 'none') throw CANNOT_PUBLISH
  // Said of the scheduler, not as "your account": whoever reads the failed schedule is someone else.
  if (rights === 'submitter') throw SCHEDULER_NEEDS_REVIEW
  return rights
}
