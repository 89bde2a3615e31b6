import { type LocalizedText, localize } from '@recall/shared'
import { useEffect } from 'react'
import { useLocaleStore } from '../app/locale'
import { guardLeaving } from '../app/router'
import { TEXT } from '../app/texts'
import { useEditor } from './store'

const LEAVE_ANYWAY: LocalizedText = {
  en: 'Your changes to this journey are not saved yet. Leave the editor anyway?',
  zh: '你对此旅程的修改尚未保存。仍要离开编辑器吗?',
}

/** What is on screen is not what the server holds: a save is waiting, on its way, failed or in conflict. */
const unsaved = () => {
  const { document, savedDocument } = useEditor.getState()
  return document !== savedDocument
}

/**
 * Asks before leaving the editor with changes not saved: closing or reloading the tab (the browser's
 * own question), and the app's own links and navigation (ours), which would otherwise drop them silently.
 */
export function useLeaveGuard(): void {
  useEffect(() => {
    const locale = () => useLocaleStore.getState().locale
    function onBeforeUnload(event: BeforeUnloadEvent) {
      if (!unsaved()) return
      event.preventDefault()
      event.returnValue = localize(TEXT.leaveWarning, locale())
    }
    const ask = () => !unsaved() || window.confirm(localize(LEAVE_ANYWAY, locale()))
    // Links to other pages of the app change the address themselves: asked before the click does.
    function onClick(event: MouseEvent) {
      const link = event.target instanceof Element ? event.target.closest('a[href^="#/"]') : null
      if (!link || link.getAttribute('href') === window.location.hash) return
      if (!ask()) event.preventDefault()
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    document.addEventListener('click', onClick, true)
    const unguard = guardLeaving(ask)
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload)
      document.removeEventListener('click', onClick, true)
      unguard()
    }
  }, [])
}
