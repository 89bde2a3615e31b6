import { type LocalizedText, localize } from '@recall/shared'
import { useLocaleStore } from '../app/locale'
import { saveDraft } from './draft-save'
import { holdsStore, pageSession } from './editor-session'
import { type SaveState, useSaveState } from './save-state'
import { useEditor } from './store'

/**
 * Why Publish, Submit for review and Simulate wait: what is on screen is not the draft the server holds,
 * and will not be until the person acts. A save on its way (or about to start) does not count: they finish it first.
 */
const WAITS: Partial<Record<SaveState, LocalizedText>> = {
  failed: {
    en: 'Publish and Simulate wait until your changes are saved: the draft on the server is not what you see',
    zh: '保存修改后才能发布或模拟:服务器上的草稿与你看到的不一致',
  },
  'signed-out': {
    en: 'Publish and Simulate wait until you sign in again and your changes are saved',
    zh: '请重新登录并保存修改后再发布或模拟',
  },
  conflict: {
    en: 'Publish and Simulate wait until you reload their draft or overwrite it with yours',
    zh: '请先载入对方的草稿或用你的覆盖,然后再发布或模拟',
  },
}

export const publishWait = (state: { state: SaveState }): LocalizedText | undefined => WAITS[state.state]

const NOT_SAVED: LocalizedText = { en: 'Your changes are not saved yet', zh: '你的修改尚未保存' }
const LEFT: LocalizedText = { en: 'The journey was closed before its changes were saved', zh: '修改保存之前,旅程已被关闭' }

/** How the draft on screen stands once the saves under way have answered: `onServer` when the server holds exactly it. */
export interface AfterSaves {
  onServer: boolean
  state: SaveState
  revision: number | undefined
  error: string | undefined
}

/** Finishes the saves under way (and the edit waiting for its turn); undefined when another journey's page opened meanwhile. */
export async function afterSaves(): Promise<AfterSaves | undefined> {
  const session = pageSession()
  if (session) await saveDraft(session)
  // Another journey's page opened meanwhile: its save state says nothing about this one's draft.
  if (!session || !holdsStore(session)) return undefined
  const { state, revision, error } = useSaveState.getState()
  const { document, savedDocument } = useEditor.getState()
  return { onServer: state === 'saved' && document === savedDocument, state, revision, error }
}

/**
 * Finishes the saves under way (and the edit waiting for its turn), then answers the draft revision
 * that holds exactly what is on screen, to name in If-Match; refuses with why when the save did not get there.
 */
export async function savedRevision(): Promise<number | undefined> {
  const locale = useLocaleStore.getState().locale
  const saved = await afterSaves()
  if (!saved) throw new Error(localize(LEFT, locale))
  if (saved.onServer) return saved.revision
  const why = publishWait(saved) ?? NOT_SAVED
  throw new Error(saved.error ? `${localize(why, locale)} (${saved.error})` : localize(why, locale))
}

/** The If-Match header naming a revision, or none when the page never learnt one. */
export const ifMatchOf = (revision: number | undefined): Record<string, string> => (revision === undefined ? {} : { 'if-match': `"${revision}"` })
