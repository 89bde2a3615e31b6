import { useLocale } from '../app/locale'

/**
 * An instant of a contact's timeline on that contact's clock: quiet hours and waits are judged in
 * the contact's zone, so a send at 19:40 in New York must read 19:40, not the viewer's or Shanghai's
 * time. Whoever shows it names the zone once, beside the timeline.
 */
export function ContactTime({ at, timeZone }: { at: number; timeZone: string | undefined }) {
  const locale = useLocale()
  return <time dateTime={new Date(at).toISOString()}>{new Date(at).toLocaleString(locale, { timeZone })}</time>
}
