import type { JourneyDocument } from '@recall/shared'
import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import { accessRepository } from '../../src/repositories/access'
import { lapsedJourney, node } from '../support/lapsed-journey'

/** v1: a first touch, a wait of 7 days and 2 hours, a second touch. */
export const live: JourneyDocument = lapsedJourney({ id: 'hold', amount: 170, unit: 'hours' })

/** The live journey with the second touch's text changed (still one SMS part). */
export const withSecondText = (text: string): JourneyDocument => ({
  ...live,
  nodes: live.nodes.map((candidate) => (candidate.id === 'second' ? node('second', 'send_sms', 900, { text, category: 'recall' }) : candidate)),
})

export const CONTACTS = 20
/** Contacts enter at 10:15 Shanghai; a week and an hour later (no entries in the last week) their second touch is an hour away. */
export const ENTERED = Date.parse('2026-11-24T10:15:00+08:00')
export const NOW = ENTERED + 7 * 86_400_000 + 3_600_000

export interface Session {
  headers: Record<string, string>
}

/** A user with a role (and, for editors, whether they may publish alone; viewers never may), signed in. */
export async function signIn(app: FastifyInstance, name: string, role: 'viewer' | 'editor' | 'admin', canPublish = role !== 'viewer'): Promise<Session> {
  const email = `${name.toLowerCase()}@shop.example`
  await accessRepository(app.database.db).createUser({ email, name, role, password: `${name}-password-1`, canPublish })
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { anonymous: 'yes' }, payload: { email, password: `${name}-password-1` } })
  expect(login.statusCode).toBe(200)
  return { headers: { cookie: String(login.headers['set-cookie']).split(';')[0] as string, 'x-csrf-token': login.json().csrfToken } }
}

/** An API key the signed-in admin makes in Settings, acting for them; answers its id and a caller sending it. */
export async function makeKey(app: FastifyInstance, maker: Session, name: string, scopes: readonly string[] = ['admin']): Promise<{ id: string; caller: Session }> {
  const made = await app.inject({ method: 'POST', url: '/api/api-keys', headers: maker.headers, payload: { name, scopes } })
  expect(made.statusCode).toBe(201)
  return { id: made.json().apiKey.id, caller: { headers: { authorization: `Bearer ${made.json().apiKey.secret}` } } }
}

/** Changes a user made by `signIn` (by their name) as an admin does in Settings → Users. */
export async function changeUser(app: FastifyInstance, name: string, change: { role?: 'viewer' | 'editor' | 'admin'; canPublish?: boolean; remove?: true }): Promise<void> {
  const listed = (await app.inject({ method: 'GET', url: '/api/users' })).json().users as { id: string; email: string }[]
  const id = listed.find((user) => user.email === `${name.toLowerCase()}@shop.example`)?.id
  const answers = [
    change.role && (await app.inject({ method: 'PUT', url: `/api/users/${id}/role`, payload: { role: change.role } })),
    change.canPublish !== undefined && (await app.inject({ method: 'PUT', url: `/api/users/${id}/can-publish`, payload: { canPublish: change.canPublish } })),
    change.remove && (await app.inject({ method: 'DELETE', url: `/api/users/${id}` })),
  ]
  for (const answer of answers) if (answer) expect(answer.statusCode).toBeLessThan(300)
}

/** v1 live with 20 contacts entered at ENTERED and waiting at "hold"; the app's clock then reads NOW. */
export async function liveJourneyWithContactsWaiting(app: FastifyInstance, setClock: (at: number) => void): Promise<void> {
  await app.inject({ method: 'POST', url: '/api/journeys', payload: live })
  expect((await app.inject({ method: 'POST', url: '/api/journeys/lapsed/publish', payload: { note: 'first' } })).statusCode).toBe(200)
  const ids = Array.from({ length: CONTACTS }, (_, index) => `L-${index + 1}`)
  await app.inject({ method: 'POST', url: '/api/contacts/import', payload: ids.map((id, index) => ({ id, phone: `139${String(10_000_000 + index)}`, consent: true })) })
  await app.inject({ method: 'POST', url: '/api/events', payload: ids.map((contactId) => ({ contactId, name: 'visit' })) })
  await app.runner.processDue()
  setClock(NOW)
}
