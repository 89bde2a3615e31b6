import { localize } from '@recall/shared'
import { useLocale } from '../app/locale'
import { useSession } from '../app/session'
import { TEXT } from '../app/texts'
import { AccountSection } from './settings/AccountSection'
import { ApiKeysSection } from './settings/ApiKeysSection'
import { PoliciesSection } from './settings/PoliciesSection'
import { ProvidersSection } from './settings/ProvidersSection'
import { TemplatesSection } from './settings/templates/TemplatesSection'
import { UsersSection } from './settings/UsersSection'
import { WorkspaceSection } from './settings/WorkspaceSection'

/** Send policies for everyone who may read them; users and API keys for admins; each person's own account. */
export function SettingsPage() {
  const locale = useLocale()
  const isAdmin = useSession((state) => state.user?.role === 'admin')
  return (
    <main className="page">
      <h1>{localize(TEXT.settings, locale)}</h1>
      <PoliciesSection />
      <WorkspaceSection />
      {isAdmin && (
        <>
          <ProvidersSection />
          <TemplatesSection />
          <UsersSection />
          <ApiKeysSection />
        </>
      )}
      <AccountSection />
    </main>
  )
}
