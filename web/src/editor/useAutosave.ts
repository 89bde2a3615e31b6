import { useEffect } from 'react'
import { useSession } from '../app/session'
import { leaveJourney, saveDraft } from './draft-save'
import { openSession } from './editor-session'
import { forgetPendingDraft } from './pending-draft'
import { useSaveState } from './save-state'
import { useEditor } from './store'

/** Quiet time after the last edit before the draft is saved. */
const AUTOSAVE_DELAY_MS = 600

/**
 * Saves the journey's draft shortly after each edit, again after signing back in or back online, and
 * after a failure that may pass; on leaving, its saves still under way finish for this journey only.
 */
export function useAutosave(journeyId: string): void {
  useEffect(() => {
    const session = openSession(journeyId)
    let timer: ReturnType<typeof setTimeout> | undefined
    const unsubscribe = useEditor.subscribe((state, previous) => {
      if (state.document === previous.document || state.journeyId !== journeyId) return
      const { state: saveState } = useSaveState.getState()
      // Back to what the server holds: a save in flight still ends with a save of this one (see draft-save).
      if (state.document === state.savedDocument) {
        // Undone back to it (not a draft loaded, which brings a kept copy back on top): the kept copy is no longer news.
        if (state.savedDocument === previous.savedDocument) forgetPendingDraft(journeyId)
        if (saveState === 'unsaved' || saveState === 'failed') useSaveState.setState({ state: 'saved', error: undefined })
        if (saveState !== 'saving') return
      } else if (saveState !== 'conflict' && saveState !== 'deleted' && saveState !== 'saving' && saveState !== 'signed-out') useSaveState.setState({ state: 'unsaved' })
      clearTimeout(timer)
      timer = setTimeout(() => void saveDraft(session), AUTOSAVE_DELAY_MS)
    })
    const unsubscribeSession = useSession.subscribe((signedIn, previous) => {
      if (previous.status !== 'expired' || signedIn.status !== 'signed-in') return
      if (signedIn.user?.userId === previous.user?.userId) return void saveDraft(session)
      // Someone else signed in on this browser: the edit kept stays the first person's (for when they are back), not theirs to save.
      const { savedDocument, load } = useEditor.getState()
      if (savedDocument) load(savedDocument)
      useSaveState.setState({ state: 'saved', error: undefined })
    })
    const onOnline = () => {
      if (useSaveState.getState().state === 'failed') void saveDraft(session)
    }
    window.addEventListener('online', onOnline)
    return () => {
      clearTimeout(timer)
      unsubscribe()
      unsubscribeSession()
      window.removeEventListener('online', onOnline)
      leaveJourney(session)
    }
  }, [journeyId])
}
