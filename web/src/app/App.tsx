import { type LocalizedText, localize } from '@recall/shared'
import { useEffect } from 'react'
import { EditorPage } from '../editor/EditorPage'
import { keepUnsavedInBrowser } from '../editor/editor-session'
import { ContactsPage } from '../pages/ContactsPage'
import { JourneysPage } from '../pages/JourneysPage'
import { LoginPage } from '../pages/LoginPage'
import { MessagesPage } from '../pages/MessagesPage'
import { ProgramPage } from '../pages/ProgramPage'
import { RepliesPage } from '../pages/RepliesPage'
import { SettingsPage } from '../pages/SettingsPage'
import { api } from './api'
import { useLocale, useLocaleStore } from './locale'
import { mayLeave, usePath } from './router'
import { type SignedInUser, signedIn, signedOut, useSession } from './session'
import { TEXT } from './texts'

const SECTIONS: { path: string; label: LocalizedText }[] = [
  { path: '/journeys', label: TEXT.journeys },
  { path: '/program', label: TEXT.program },
  { path: '/contacts', label: TEXT.contacts },
  { path: '/messages', label: TEXT.messages },
  { path: '/replies', label: TEXT.replies },
  { path: '/settings', label: TEXT.settings },
]

function Page({ path }: { path: string }) {
  const editor = /^\/journeys\/([^/]+)$/.exec(path)
  if (editor) return <EditorPage key={editor[1]} journeyId={decodeURIComponent(editor[1] as string)} />
  if (path.startsWith('/contacts')) return <ContactsPage key={path} />
  if (path === '/messages') return <MessagesPage />
  if (path === '/replies') return <RepliesPage />
  if (path === '/program') return <ProgramPage />
  if (path === '/settings') return <SettingsPage />
  return <JourneysPage />
}

/**
 * Signing out leaves the page like a link does: an edit the server does not have yet is asked about,
 * then kept in this browser under the person still signed in (once signed out it has no owner to be kept for).
 */
async function signOut() {
  if (!mayLeave('/')) return
  keepUnsavedInBrowser()
  await api('POST', '/auth/logout').catch(() => undefined)
  signedOut()
}

export function App() {
  const locale = useLocale()
  const path = usePath()
  const setLocale = useLocaleStore((state) => state.setLocale)
  const session = useSession()
  useEffect(() => {
    api<{ user: SignedInUser; csrfToken: string }>('GET', '/auth/me').then(signedIn, signedOut)
  }, [])
  return (
    <div className="app">
      <nav className="app__nav">
        <a className="app__brand" href="#/journeys">
          {localize(TEXT.appName, locale)}
        </a>
        {SECTIONS.map((section) => (
          <a key={section.path} href={`#${section.path}`} aria-current={path.startsWith(section.path) ? 'page' : undefined}>
            {localize(section.label, locale)}
          </a>
        ))}
        <span className="app__spacer" />
        <button type="button" className="app__language" onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}>
          {localize(TEXT.language, locale)}
        </button>
        {session.user && (
          <button type="button" className="app__language" title={session.user.email} onClick={() => void signOut()}>
            {localize(TEXT.signOut, locale)} ({session.user.name})
          </button>
        )}
      </nav>
      {session.status === 'signed-in' || session.status === 'expired' ? (
        <Page path={path} />
      ) : session.status === 'signed-out' ? (
        <LoginPage />
      ) : (
        <p className="page">{localize(TEXT.loading, locale)}</p>
      )}
      {session.status === 'expired' && <LoginPage expired />}
    </div>
  )
}
