import { useEffect } from 'react'
import { create } from 'zustand'
import { api, failureText } from '../app/api'
import { useLocaleStore } from '../app/locale'
import { TEXT } from '../app/texts'
import { useEditor } from './store'

export type SaveState = 'saved' | 'saving' | 'unsaved' | 'failed'

export const useSaveState = create<{ state: SaveState; error: string | undefined }>(() => ({ state: 'saved', error: undefined }))

/** Quiet time after the last edit before the draft is saved. */
const AUTOSAVE_DELAY_MS = 600

async function saveNow(): Promise<void> {
  const { document, journeyId, savedDocument, readOnlyVersion, markSaved } = useEditor.getState()
  if (!document || !journeyId || document === savedDocument || readOnlyVersion !== undefined) return
  useSaveState.setState({ state: 'saving', error: undefined })
  try {
    await api('PUT', `/journeys/${encodeURIComponent(journeyId)}/draft`, document)
    markSaved(document)
    useSaveState.setState({ state: useEditor.getState().document === document ? 'saved' : 'unsaved' })
  } catch (cause) {
    useSaveState.setState({ state: 'failed', error: failureText(cause) })
  }
}

/** Saves the draft shortly after each edit, and warns before leaving with changes not yet saved. */
export function useAutosave(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const unsubscribe = useEditor.subscribe((state, previous) => {
      if (state.document === previous.document || state.document === state.savedDocument) return
      useSaveState.setState({ state: 'unsaved' })
      clearTimeout(timer)
      timer = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS)
    })
    function onBeforeUnload(event: BeforeUnloadEvent) {
      const { document, savedDocument } = useEditor.getState()
      if (document === savedDocument) return
      event.preventDefault()
      event.returnValue = useLocaleStore.getState().locale === 'zh-CN' ? TEXT.leaveWarning.zh : TEXT.leaveWarning.en
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => {
      clearTimeout(timer)
      unsubscribe()
      window.removeEventListener('beforeunload', onBeforeUnload)
      void saveNow()
    }
  }, [])
}

export { saveNow }
