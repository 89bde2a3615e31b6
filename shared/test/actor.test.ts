import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type Actor, actorNameText, readActorName, storedActorName, storedActorText } from '../src/index'

const ada: Actor = { kind: 'user', name: 'Ada' }
const key: Actor = { kind: 'apiKey', maker: '王丽', key: 'CI' }

describe('actor names', () => {
  it.each<[string, Actor, { en: string; zh: string }]>([
    ['a user, by name', ada, { en: 'Ada', zh: 'Ada' }],
    ['an API key, by its maker and its name', key, { en: '王丽 (API key "CI")', zh: '王丽(API 密钥"CI")' }],
    ["a user's scheduled publish", { kind: 'scheduledPublish', scheduler: ada }, { en: 'Ada (scheduled publish)', zh: 'Ada(定时发布)' }],
    ["a key's scheduled publish", { kind: 'scheduledPublish', scheduler: key }, { en: '王丽 (API key "CI") (scheduled publish)', zh: '王丽(API 密钥"CI")(定时发布)' }],
    ['the system', { kind: 'system' }, { en: 'system', zh: '系统' }],
    ['someone no longer known', { kind: 'someone' }, { en: 'someone', zh: '有人' }],
  ])('%s', (_name, actor, text) => {
    expect(actorNameText(actor)).toEqual(text)
  })

  it('reads back what it stored, in both languages', () => {
    expect(storedActorText('王丽 (API key "CI") (scheduled publish)')).toEqual({ en: '王丽 (API key "CI") (scheduled publish)', zh: '王丽(API 密钥"CI")(定时发布)' })
    expect(storedActorText('system')).toEqual({ en: 'system', zh: '系统' })
    expect(storedActorText(null)).toEqual({ en: 'someone', zh: '有人' })
    expect(storedActorText('张伟')).toEqual({ en: '张伟', zh: '张伟' })
  })

  it('reads a scheduled publish stored before its spelling moved here ("Ada (scheduled)")', () => {
    expect(readActorName('Ada (scheduled)')).toEqual({ kind: 'scheduledPublish', scheduler: ada })
    expect(readActorName('system (scheduled)')).toEqual({ kind: 'scheduledPublish', scheduler: { kind: 'system' } })
    expect(storedActorText('Key maker (API key "tests") (scheduled)').zh).toBe('Key maker(API 密钥"tests")(定时发布)')
  })

  it('any user or key name round-trips through its stored form', () => {
    // Names that themselves read as a key's or a schedule's are the one ambiguity, and admins choose names.
    const name = fc.string({ minLength: 1, maxLength: 12 }).filter((text) => text !== 'system' && !/\((API key|scheduled)/.test(text))
    const actor = fc.oneof(
      name.map((user): Actor => ({ kind: 'user', name: user })),
      fc.tuple(name, fc.string({ maxLength: 12 })).map(([maker, keyName]): Actor => ({ kind: 'apiKey', maker, key: keyName })),
    )
    fc.assert(
      fc.property(
        fc.oneof(
          actor,
          actor.map((scheduler): Actor => ({ kind: 'scheduledPublish', scheduler })),
        ),
        (given) => {
          expect(readActorName(storedActorName(given))).toEqual(given)
        },
      ),
      { seed: 20261203 },
    )
  })
})
