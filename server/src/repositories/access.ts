import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { and, asc, eq, gt, isNull, ne } from 'drizzle-orm'
import { hashPassword, verifyPassword } from '../access/passwords'
import { type Principal, type Scope, scopesWithin } from '../access/permissions'
import type { Database } from '../db/database'
import { apiKeys, type Role, sessions, users } from '../db/schema/index'
import { ApiError, refusalError } from '../plugins/errors'

/** Sessions last a working fortnight; signing in again makes a new one. */
const SESSION_DAYS = 14
const DAY = 86_400_000

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')
const token = (bytes: number) => randomBytes(bytes).toString('base64url')

export const API_KEY_PREFIX = 'rk_'

export interface NewUser {
  email: string
  name: string
  role: Role
  password: string
  /** Editors only: publish without review (true unless said otherwise); viewers never publish, so false for them. */
  canPublish?: boolean | undefined
}

/**
 * Viewers never publish, so a viewer is stored without "can publish": asking for it is refused at
 * the field, rather than kept and shown as a right they do not have.
 */
const VIEWER_CANNOT_PUBLISH = refusalError({
  status: 400,
  code: 'viewer_cannot_publish',
  path: '/body/canPublish',
  text: { en: 'A viewer cannot publish: make them an editor first', zh: '查看者不能发布:请先将其设为编辑者' },
})

/** What a user's "can publish" box is stored as for a role: always false for a viewer. */
const canPublishFor = (role: Role, canPublish: boolean) => role !== 'viewer' && canPublish

let dummyHash: Promise<string> | undefined

/** Last-used times are written at most this often, so busy keys do not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000

const userView = ({ passwordHash: _hidden, ...user }: typeof users.$inferSelect) => user

const USER_NOT_FOUND = refusalError({ status: 404, code: 'user_not_found', path: '/params/id', text: { en: 'No such user', zh: '用户不存在' } })

/** Not 401: the person is signed in, and the web app takes a 401 to mean the session ended. */
export const WRONG_CURRENT_PASSWORD = refusalError({
  status: 400,
  code: 'wrong_password',
  path: '/body/currentPassword',
  text: { en: 'Your current password is not right: nothing was changed', zh: '当前密码不正确:未做任何更改' },
})

/** A password set by someone other than its user: whose, and how many of their sessions ended. */
export interface PasswordReset {
  userId: string
  sessionsEnded: number
}

/** What a new password ended: the user's sessions, and the API keys they made when those were revoked with it. */
export interface PasswordChange {
  sessionsEnded: number
  apiKeysRevoked: number
}

/**
 * A key from before keys recorded their maker (one made with another key): it cannot be tied to a
 * person, so it cannot be held to anyone's rights, and it is refused rather than trusted.
 */
const KEY_NEEDS_REISSUE = new ApiError(401, 'api_key_needs_reissue', {
  en: 'This API key was made before Recall recorded who made each key, so it cannot act for anyone: ask an admin to issue a new key (Settings → API keys) and revoke this one',
  zh: '此 API 密钥创建于 Recall 记录密钥创建者之前,无法代表任何人操作:请让管理员签发新密钥(设置 → API 密钥)并吊销此密钥',
})

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]

/**
 * Refuses to demote or remove the workspace's last admin: nobody could then manage users, keys or
 * providers. The admins' rows stay locked to the end of the transaction, so two admins demoting
 * each other at once cannot both pass the check.
 */
async function keepAnAdmin(tx: Transaction, id: string, change: 'demote' | 'remove'): Promise<void> {
  const admins = await tx.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).orderBy(asc(users.id)).for('update')
  if (admins.length !== 1 || admins[0]?.id !== id) return
  throw new ApiError(
    409,
    'last_admin',
    change === 'demote'
      ? { en: 'This is the only admin: make another user an admin first, then change this role', zh: '这是唯一的管理员:请先将另一位用户设为管理员,再更改此角色' }
      : { en: 'This is the only admin: make another user an admin first, then remove this one', zh: '这是唯一的管理员:请先将另一位用户设为管理员,再移除此用户' },
  )
}

/** Users, sessions and API keys. Secrets are hashed at rest; a key is shown once, when made. */
export function accessRepository(db: Database, clock: () => number = Date.now) {
  /** Revokes (they stay listed) the active keys the user made; answers how many. */
  async function revokeKeysOf(tx: Transaction, userId: string): Promise<number> {
    const revoked = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date(clock()) })
      .where(and(eq(apiKeys.createdBy, userId), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id })
    return revoked.length
  }

  /**
   * Gives the user a new password and ends their sessions, all but `keep` (the caller's own, when
   * they changed it themselves): whoever signed in with the old password is out. With
   * `revokeApiKeys`, the keys they made go too: whoever knew the old password may have copied them.
   * Hashed before the transaction: scrypt takes a good part of a second, no lock waits on it.
   */
  async function replacePassword(userId: string, password: string, options: { keep?: string; revokeApiKeys: boolean }): Promise<PasswordChange> {
    const passwordHash = await hashPassword(password)
    return db.transaction(async (tx) => {
      const updated = await tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).returning({ id: users.id })
      if (updated.length === 0) throw USER_NOT_FOUND
      const others = options.keep === undefined ? undefined : ne(sessions.tokenHash, sha256(options.keep))
      const ended = await tx
        .delete(sessions)
        .where(and(eq(sessions.userId, userId), others))
        .returning({ userId: sessions.userId })
      return { sessionsEnded: ended.length, apiKeysRevoked: options.revokeApiKeys ? await revokeKeysOf(tx, userId) : 0 }
    })
  }

  return {
    countUsers: async () => (await db.select({ id: users.id }).from(users).limit(1)).length,

    async createUser(input: NewUser) {
      const email = input.email.trim().toLowerCase()
      if (input.role === 'viewer' && input.canPublish === true) throw VIEWER_CANNOT_PUBLISH
      const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email))
      if (existing)
        throw refusalError({ status: 409, code: 'user_exists', path: '/body/email', text: { en: `A user with email ${email} already exists`, zh: `邮箱 ${email} 的用户已存在` } })
      const [created] = await db
        .insert(users)
        .values({
          id: randomUUID(),
          email,
          name: input.name,
          role: input.role,
          canPublish: canPublishFor(input.role, input.canPublish ?? true),
          passwordHash: await hashPassword(input.password),
        })
        .returning()
      return userView(created as typeof users.$inferSelect)
    },

    /**
     * Sets a user's password (and role), making the user when there is none with that email. A new
     * password ends every session of theirs and is answered; one they already have changes nothing,
     * so a restart that keeps RECALL_ADMIN_PASSWORD set signs nobody out.
     */
    async setPassword(email: string, password: string, role: Role): Promise<PasswordReset | undefined> {
      const normalized = email.trim().toLowerCase()
      const [user] = await db.select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(eq(users.email, normalized))
      if (!user) {
        await this.createUser({ email: normalized, name: 'Admin', role, password })
        return undefined
      }
      await db
        .update(users)
        .set({ role, ...(role === 'viewer' ? { canPublish: false } : {}) })
        .where(eq(users.id, user.id))
      if (await verifyPassword(password, user.passwordHash)) return undefined
      // The operator recovering a lost password at start: the admin's integrations keep their keys.
      const { sessionsEnded } = await replacePassword(user.id, password, { revokeApiKeys: false })
      return { userId: user.id, sessionsEnded }
    },

    /** An admin sets another user's password: every session of theirs ends, and with `revokeApiKeys` every key they made. */
    resetPassword: (userId: string, password: string, revokeApiKeys: boolean) => replacePassword(userId, password, { revokeApiKeys }),

    /**
     * A signed-in user changes their own password, giving the current one: their other sessions end
     * (a stolen cookie stops working), `session`, the one they changed it from, stays; with
     * `revokeApiKeys`, the keys they made are revoked.
     */
    async changeOwnPassword(userId: string, current: string, password: string, session: string, revokeApiKeys: boolean): Promise<PasswordChange> {
      const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId))
      if (!user || !(await verifyPassword(current, user.passwordHash))) throw WRONG_CURRENT_PASSWORD
      return replacePassword(userId, password, { keep: session, revokeApiKeys })
    },

    listUsers: async () => (await db.select().from(users).orderBy(asc(users.email))).map(userView),

    async updateRole(id: string, role: Role) {
      return db.transaction(async (tx) => {
        if (role !== 'admin') await keepAnAdmin(tx, id, 'demote')
        // A viewer loses "can publish"; promoted again, they start without it until an admin ticks the box.
        const [updated] = await tx
          .update(users)
          .set({ role, ...(role === 'viewer' ? { canPublish: false } : {}) })
          .where(eq(users.id, id))
          .returning()
        if (!updated) throw USER_NOT_FOUND
        return userView(updated)
      })
    },

    async setCanPublish(id: string, canPublish: boolean) {
      return db.transaction(async (tx) => {
        const [user] = await tx.select({ role: users.role }).from(users).where(eq(users.id, id)).for('update')
        if (!user) throw USER_NOT_FOUND
        if (user.role === 'viewer' && canPublish) throw VIEWER_CANNOT_PUBLISH
        const [updated] = await tx.update(users).set({ canPublish }).where(eq(users.id, id)).returning()
        return userView(updated as typeof users.$inferSelect)
      })
    },

    /** Removes a user, their sessions and (revoked, still listed) the API keys they made. */
    async removeUser(id: string) {
      await db.transaction(async (tx) => {
        await keepAnAdmin(tx, id, 'remove')
        const removed = await tx.delete(users).where(eq(users.id, id)).returning({ id: users.id })
        if (removed.length === 0) throw USER_NOT_FOUND
        await revokeKeysOf(tx, id)
      })
    },

    /** A new session for the right email and password; the same refusal for either being wrong. */
    async login(email: string, password: string): Promise<{ token: string; principal: Principal & { kind: 'user' } }> {
      const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()))
      // An unknown email costs the same hash as a wrong password, so timing tells nothing.
      dummyHash ??= hashPassword(token(16))
      const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyHash))
      if (!user || !valid) throw new ApiError(401, 'bad_credentials', { en: 'Wrong email or password', zh: '邮箱或密码错误' })
      const sessionToken = token(32)
      const csrfToken = token(24)
      await db.insert(sessions).values({ tokenHash: sha256(sessionToken), userId: user.id, csrfToken, expiresAt: new Date(clock() + SESSION_DAYS * DAY) })
      return { token: sessionToken, principal: { kind: 'user', userId: user.id, email: user.email, name: user.name, role: user.role, canPublish: user.canPublish, csrfToken } }
    },

    async sessionPrincipal(sessionToken: string): Promise<Principal | undefined> {
      const [row] = await db
        .select({ user: users, csrfToken: sessions.csrfToken })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.tokenHash, sha256(sessionToken)), gt(sessions.expiresAt, new Date(clock()))))
      if (!row) return undefined
      return {
        kind: 'user',
        userId: row.user.id,
        email: row.user.email,
        name: row.user.name,
        role: row.user.role,
        canPublish: row.user.canPublish,
        csrfToken: row.csrfToken,
      }
    },

    logout: async (sessionToken: string) => {
      await db.delete(sessions).where(eq(sessions.tokenHash, sha256(sessionToken)))
    },

    /** `createdBy`: the user the key acts for, always someone: a key nobody answers for is never made. */
    async createApiKey(name: string, scopes: readonly Scope[], createdBy: string) {
      const secret = `${API_KEY_PREFIX}${token(30)}`
      const [created] = await db
        .insert(apiKeys)
        .values({ id: randomUUID(), name, prefix: secret.slice(0, 10), keyHash: sha256(secret), scopes: [...scopes], createdBy })
        .returning()
      const { keyHash: _hidden, ...key } = created as typeof apiKeys.$inferSelect
      return { ...key, secret }
    },

    /**
     * Keys with what they can do now: no more than their maker's role allows (nothing once the maker
     * is removed, nor for a key without a maker, which is marked to be issued again).
     */
    listApiKeys: async () =>
      (await db.select({ key: apiKeys, creatorRole: users.role }).from(apiKeys).leftJoin(users, eq(users.id, apiKeys.createdBy)).orderBy(asc(apiKeys.createdAt))).map(
        ({ key: { keyHash: _hidden, ...key }, creatorRole }) => ({
          ...key,
          effectiveScopes: creatorRole ? scopesWithin(key.scopes, creatorRole) : [],
          needsReissue: key.createdBy === null,
        }),
      ),

    /** The active keys a person made, for them to see what a password change would revoke (never hashes). */
    listOwnApiKeys: (userId: string) =>
      db
        .select({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, scopes: apiKeys.scopes, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt })
        .from(apiKeys)
        .where(and(eq(apiKeys.createdBy, userId), isNull(apiKeys.revokedAt)))
        .orderBy(asc(apiKeys.createdAt)),

    async revokeApiKey(id: string) {
      const revoked = await db
        .update(apiKeys)
        .set({ revokedAt: new Date(clock()) })
        .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
        .returning({ id: apiKeys.id })
      if (revoked.length === 0)
        throw refusalError({ status: 404, code: 'api_key_not_found', path: '/params/id', text: { en: 'No such active API key', zh: '不存在该有效的 API 密钥' } })
    },

    /**
     * The key's caller, acting for its maker as they are now; undefined for an unknown or revoked key
     * or one whose maker is gone. A key without a maker is refused, saying it must be issued again.
     */
    async apiKeyPrincipal(secret: string): Promise<Principal | undefined> {
      const [row] = await db
        .select({ key: apiKeys, maker: { id: users.id, name: users.name, role: users.role, canPublish: users.canPublish } })
        .from(apiKeys)
        .leftJoin(users, eq(users.id, apiKeys.createdBy))
        .where(and(eq(apiKeys.keyHash, sha256(secret)), isNull(apiKeys.revokedAt)))
      if (!row) return undefined
      const { key, maker } = row
      if (key.createdBy === null) throw KEY_NEEDS_REISSUE
      // A key made by someone who is no longer here is void, even if their removal missed it.
      if (!maker) return undefined
      if (!key.lastUsedAt || clock() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS)
        await db
          .update(apiKeys)
          .set({ lastUsedAt: new Date(clock()) })
          .where(eq(apiKeys.id, key.id))
      return {
        kind: 'api_key',
        keyId: key.id,
        name: key.name,
        scopes: scopesWithin(key.scopes, maker.role),
        issued: key.scopes,
        maker,
      }
    },
  }
}

export type AccessRepository = ReturnType<typeof accessRepository>
