import { useEffect } from 'react'
import { copySelection, duplicateSelection, paste } from './commands'
import { editingLocked, useEditor } from './store'

/** Typing in a field keeps its own undo and copy; shortcuts act on the canvas only. */
function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
}

/** Ctrl/Cmd+Z undo, Shift+Z or Y redo, C copy, V paste, D duplicate. */
export function useShortcuts(): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || isTyping(event.target)) return
      const editor = useEditor.getState()
      if (editingLocked(editor)) return
      const key = event.key.toLowerCase()
      const actions: Record<string, () => void> = {
        z: event.shiftKey ? editor.redo : editor.undo,
        y: editor.redo,
        c: copySelection,
        v: paste,
        d: duplicateSelection,
      }
      const action = actions[key]
      if (!action) return
      event.preventDefault()
      action()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
