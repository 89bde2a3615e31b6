import type { Role } from '@recall/shared'
import { create } from 'zustand'

export interface SignedInUser {
  userId: string
  email: string
  name: string
  role: Role
}

interface SessionState {
  status: 'checking' | 'signed-in' | 'signed-out'
  user: SignedInUser | undefined
  /** Sent with every change; the server refuses changes on a session cookie without it. */
  csrfToken: string | undefined
}

export const useSession = create<SessionState>(() => ({ status: 'checking', user: undefined, csrfToken: undefined }))

export function signedIn(answer: { user: SignedInUser; csrfToken: string }): void {
  useSession.setState({ status: 'signed-in', user: answer.user, csrfToken: answer.csrfToken })
}

export function signedOut(): void {
  useSession.setState({ status: 'signed-out', user: undefined, csrfToken: undefined })
}
