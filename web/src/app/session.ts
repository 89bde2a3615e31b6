import type { Role } from '@recall/shared'
import { create } from 'zustand'

export interface SignedInUser {
  userId: string
  email: string
  name: string
  role: Role
  /** Editors: publish without review (admins always may). */
  canPublish: boolean
}

interface SessionState {
  /** `expired`: the session ended while the app was open; the page stays, with its unsaved work, under the sign-in form. */
  status: 'checking' | 'signed-in' | 'signed-out' | 'expired'
  user: SignedInUser | undefined
  /** Sent with every change; the server refuses changes on a session cookie without it. */
  csrfToken: string | undefined
}

export const useSession = create<SessionState>(() => ({ status: 'checking', user: undefined, csrfToken: undefined }))

/** The signed-in person may only look: viewers read journeys, contacts and results, and change nothing. */
export const viewsOnly = (state: SessionState) => state.user?.role === 'viewer'

export function signedIn(answer: { user: SignedInUser; csrfToken: string }): void {
  useSession.setState({ status: 'signed-in', user: answer.user, csrfToken: answer.csrfToken })
}

export function signedOut(): void {
  useSession.setState({ status: 'signed-out', user: undefined, csrfToken: undefined })
}

/** A 401: back to sign-in; a person who was working keeps the page (and its undo history) behind the form. */
export function sessionEnded(): void {
  const { status } = useSession.getState()
  if (status === 'signed-in' || status === 'expired') useSession.setState({ status: 'expired', csrfToken: undefined })
  else signedOut()
}
