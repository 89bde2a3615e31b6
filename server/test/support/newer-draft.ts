import { JOURNEY_TEMPLATES, type JourneyDocument } from '@recall/shared'
import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import { signIn } from '../approvals/fixture'
import { useTestApp } from './app'
import type { DatabaseKind } from './databases'

export const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart') as JourneyDocument
/** The abandoned-cart journey's address in the API. */
export const cartUrl = '/api/journeys/abandoned-cart'

/**
 * Gives a describe block the abandoned-cart journey with a newer draft than the one everyone opened:
 * Ada (an editor) saved revision 2 over revision 1. For requests that name the revision they saw.
 */
export function useAppWithNewerDraft(kind: DatabaseKind): () => FastifyInstance {
  return useTestApp(kind, async (app) => {
    expect((await app.inject({ method: 'POST', url: '/api/journeys', payload: cart })).statusCode).toBe(201)
    const ada = await signIn(app, 'Ada', 'editor')
    const saved = await app.inject({ method: 'PUT', url: `${cartUrl}/draft`, headers: { ...ada.headers, 'if-match': '"1"' }, payload: { ...cart, name: 'Ada’s cart' } })
    expect([saved.statusCode, saved.headers.etag]).toEqual([200, '"2"'])
  })
}

/** A refusal as the tests compare it: status, error code, message, and each problem's code, path and text. */
export function refusal(answer: { statusCode: number; json(): { error: string; message: string; problems: { code: string; path: string; text: string }[] } }) {
  const { error, message, problems } = answer.json()
  return [answer.statusCode, error, message, problems.map((problem) => [problem.code, problem.path, problem.text])]
}
