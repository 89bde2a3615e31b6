import { type LocalizedText, localize } from '@recall/shared'
import { useEffect } from 'react'
import { useLocaleStore } from '../app/locale'
import { guardLeaving, mayLeave } from '../app/router'
import { TEXT } from '../app/texts'
import { keepUnsavedInBrowser } from './editor-session'
import { useEditor } from './store'

const LEAVE_ANYWAY: LocalizedText = {
  en: 'Your changes to this journey are not saved on the server yet. Leave the editor anyway? They stay in this browser and come back when you open the journey again.',
  zh: '你对此旅程的修改尚未保存到服务器。仍要离开编辑器吗?修改会保留在此浏览器中,再次打开该旅程时恢复。',
}

/** What is on screen is not what the server holds: a save is waiting, on its way, failed or in conflict. */
const unsaved = () => {
  const { document, savedDocument } = useEditor.getState()
  return document !== savedDocument
}

/**
 * Asks before leaving the editor with changes not saved: closing or reloading the tab (the browser's
 * own question), the app's own links and navigation, and Back and Forward (ours), which would
 * otherwise drop them silently. Whichever the answer, the edit is kept (see keepUnsavedInBrowser).
 */
export function useLeaveGuard(): void {
  useEffect(() => {
    const locale = () => useLocaleStore.getState().locale
    function onBeforeUnload(event: BeforeUnloadEvent) {
      if (!unsaved()) return
      // Kept before the browser asks: the tab may be gone the moment the person answers.
      keepUnsavedInBrowser()
      event.preventDefault()
      event.returnValue = localize(TEXT.leaveWarning, locale())
    }
    const ask = () => !unsaved() || window.confirm(localize(LEAVE_ANYWAY, locale()))
    // Links to other pages of the app change the address themselves: asked before the click does, so a "no" leaves the history as it was.
    function onClick(event: MouseEvent) {
      const link = event.target instanceof Element ? event.target.closest('a[href^="#/"]') : null
      const href = link?.getAttribute('href')
      if (!href || href === window.location.hash) return
      if (!mayLeave(href.slice(1))) event.preventDefault()
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
