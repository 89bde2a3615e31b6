import { screen, within } from '@testing-library/react'
import { useSession } from '../src/app/session'
import type { ReplyRow } from '../src/pages/RepliesPage'

/** A reply row as the API answers it, Recall having done nothing on it, with what a test gives. */
export const replyRow = (given: Partial<ReplyRow> & Pick<ReplyRow, 'id'>): ReplyRow => ({
  provider: 'sandbox',
  phone: '+8613812349004',
  text: '不需要',
  receivedAt: '2026-12-03T02:03:00Z',
  contactId: null,
  action: null,
  suppressed: false,
  optOutSource: null,
  optedOutBy: null,
  reviewedBy: null,
  reviewedAt: null,
  ...given,
})

export const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

export function signIn(role: 'viewer' | 'editor' | 'admin') {
  useSession.setState({ status: 'signed-in', user: { userId: 'u1', email: 'ada@shop.example', name: 'Ada', role, canPublish: true }, csrfToken: 'csrf-1' })
}

/** The text of each listed reply's cells from the contact on (contact, reply, what was done). */
export async function replyCells(): Promise<string[][]> {
  return within(await screen.findByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .slice(2)
        .map((cell) => cell.textContent ?? ''),
    )
}
