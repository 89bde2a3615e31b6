import { type LocalizedText, localize } from '@recall/shared'
import { useState } from 'react'
import { useLocale } from '../app/locale'
import { ContactTime } from '../simulation/ContactTime'
import type { TopContact } from './store'
import { PROGRAM_TEXT as TEXT } from './texts'

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_match, key: string) => String(values[key] ?? ''))

/** The contacts who get the most, and what happens to one of them, journey by journey, in their own zone. */
export function TopContacts({ contacts }: { contacts: TopContact[] }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [chosen, setChosen] = useState(contacts[0]?.contactId ?? '')
  if (contacts.length === 0) return null
  const contact = contacts.find((candidate) => candidate.contactId === chosen) ?? contacts[0]
  if (!contact) return null
  return (
    <section className="program-results__wide">
      <h3>{t(TEXT.topContacts)}</h3>
      <ol className="top-contacts" data-testid="top-contacts">
        {contacts.map((candidate) => (
          <li key={candidate.contactId}>
            <button type="button" aria-pressed={candidate.contactId === contact.contactId} onClick={() => setChosen(candidate.contactId)}>
              {candidate.contactId}
            </button>{' '}
            {fill(t(TEXT.busiestWeek), { messages: candidate.messages.toLocaleString(locale), week: candidate.busiestWeek.toLocaleString(locale) })}
          </li>
        ))}
      </ol>
      <h4>{`${contact.contactId} · ${fill(t(TEXT.timeline), { zone: contact.timeZone })}`}</h4>
      <ol className="timeline" data-testid="program-timeline">
        {contact.timeline.map((line) => (
          <li key={`${line.at}-${line.journeyId}-${line.nodeId ?? ''}-${line.kind}`}>
            <ContactTime at={line.at} timeZone={contact.timeZone} /> <strong>{line.journeyName}</strong> <code>{line.nodeId}</code> {localize(line.message, locale)}
          </li>
        ))}
      </ol>
    </section>
  )
}
