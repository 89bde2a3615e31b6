import type { LocalizedText } from './i18n'

/**
 * Who did something, as people read it in server messages, histories and on pages: a user by name;
 * an API key by its maker's name and its own (a key's name alone could pose as anyone); the
 * scheduled publish carrying out someone's schedule; Recall itself (`system`); or someone no longer
 * known (a schedule made before names were recorded).
 */
export type Actor =
  | { kind: 'user'; name: string }
  | { kind: 'apiKey'; maker: string; key: string }
  | { kind: 'scheduledPublish'; scheduler: Actor }
  | { kind: 'system' }
  | { kind: 'someone' }

/** The words naming actors: spelled here only, in both languages. */
export const ACTOR_WORDS = {
  apiKey: { en: 'API key', zh: 'API 密钥' },
  scheduledPublish: { en: 'scheduled publish', zh: '定时发布' },
  system: { en: 'system', zh: '系统' },
  someone: { en: 'someone', zh: '有人' },
} satisfies Record<string, LocalizedText>

/** "Ada (API key "CI")", "Ada(API 密钥"CI")": English sets a word apart with a space, Chinese does not. */
const aside = (who: LocalizedText, what: LocalizedText): LocalizedText => ({ en: `${who.en} (${what.en})`, zh: `${who.zh}(${what.zh})` })

/** An actor's name in both languages. */
export function actorNameText(actor: Actor): LocalizedText {
  switch (actor.kind) {
    case 'user':
      return { en: actor.name, zh: actor.name }
    case 'apiKey':
      return aside({ en: actor.maker, zh: actor.maker }, { en: `${ACTOR_WORDS.apiKey.en} "${actor.key}"`, zh: `${ACTOR_WORDS.apiKey.zh}"${actor.key}"` })
    case 'scheduledPublish':
      return aside(actorNameText(actor.scheduler), ACTOR_WORDS.scheduledPublish)
    case 'system':
      return ACTOR_WORDS.system
    case 'someone':
      return ACTOR_WORDS.someone
  }
}

/** How an actor is kept in the database and answered by the API: its English name, which readActorName reads back. */
export const storedActorName = (actor: Actor): string => actorNameText(actor).en

const KEY_NAME = new RegExp(`^(.*) \\(${ACTOR_WORDS.apiKey.en} "(.*)"\\)$`, 's')
/** A scheduled publish as stored now, and as stored before it was spelled here ("Ada (scheduled)"). */
const SCHEDULED_SUFFIXES = [` (${ACTOR_WORDS.scheduledPublish.en})`, ' (scheduled)']

/**
 * An actor name as stored (by storedActorName, or older rows spelled the same way) read back. A user
 * whose name happens to read as a key's or as "system" is shown as one: names are set by admins.
 */
export function readActorName(stored: string): Actor {
  const scheduled = SCHEDULED_SUFFIXES.find((suffix) => stored.endsWith(suffix) && stored.length > suffix.length)
  if (scheduled) return { kind: 'scheduledPublish', scheduler: readActorName(stored.slice(0, -scheduled.length)) }
  const key = KEY_NAME.exec(stored)
  if (key) return { kind: 'apiKey', maker: key[1] as string, key: key[2] as string }
  if (stored === ACTOR_WORDS.system.en) return { kind: 'system' }
  return { kind: 'user', name: stored }
}

/** Whether an actor's name starts with one of our words ("system", "someone") rather than a name as its owner wrote it. */
const startsWithWord = (actor: Actor): boolean => (actor.kind === 'scheduledPublish' ? startsWithWord(actor.scheduler) : actor.kind === 'system' || actor.kind === 'someone')

/**
 * A stored actor name (or none, for someone no longer known) in both languages: what messages and
 * pages show. `opening` a sentence, our own words take a capital ("Someone saved…"); names stay as written.
 */
export function storedActorText(stored: string | null | undefined, { opening = false } = {}): LocalizedText {
  const actor: Actor = stored ? readActorName(stored) : { kind: 'someone' }
  const text = actorNameText(actor)
  return opening && startsWithWord(actor) ? { ...text, en: text.en.charAt(0).toUpperCase() + text.en.slice(1) } : text
}
