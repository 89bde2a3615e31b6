import { type LocalizedText, localize } from '@recall/shared'
import { EditorPage } from '../editor/EditorPage'
import { ContactsPage } from '../pages/ContactsPage'
import { JourneysPage } from '../pages/JourneysPage'
import { MessagesPage } from '../pages/MessagesPage'
import { SettingsPage } from '../pages/SettingsPage'
import { useLocale, useLocaleStore } from './locale'
import { usePath } from './router'
import { TEXT } from './texts'

const SECTIONS: { path: string; label: LocalizedText }[] = [
  { path: '/journeys', label: TEXT.journeys },
  { path: '/contacts', label: TEXT.contacts },
  { path: '/messages', label: TEXT.messages },
  { path: '/settings', label: TEXT.settings },
]

function Page({ path }: { path: string }) {
  const editor = /^\/journeys\/([^/]+)$/.exec(path)
  if (editor) return <EditorPage key={editor[1]} journeyId={decodeURIComponent(editor[1] as string)} />
  if (path === '/contacts') return <ContactsPage />
  if (path === '/messages') return <MessagesPage />
  if (path === '/settings') return <SettingsPage />
  return <JourneysPage />
}

export function App() {
  const locale = useLocale()
  const path = usePath()
  const setLocale = useLocaleStore((state) => state.setLocale)
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
      </nav>
      <Page path={path} />
    </div>
  )
}
