import { describe, expect, it } from 'vitest'
import { DATABASE_KINDS } from '../support/databases'
import { refusal, cartUrl as url, useAppWithNewerDraft } from '../support/newer-draft'

/**
 * Publish, submit for review and schedule name the draft revision the person saw, as a draft save
 * does: a newer draft saved meanwhile is refused with who saved it, and nothing is published.
 */
describe.each(DATABASE_KINDS)('publishing the draft revision seen (If-Match) on %s', (kind) => {
  const app = useAppWithNewerDraft(kind)
  const stored = async () => {
    const { journey, schedule } = (await app().inject({ method: 'GET', url })).json()
    const { approvals } = (await app().inject({ method: 'GET', url: `${url}/approvals` })).json()
    return { liveVersion: journey.liveVersion, schedule, approvals: approvals.length }
  }

  it('refuses to publish, submit or schedule an older revision than the draft, naming who saved the newer one, and changes nothing', async () => {
    const publish = await app().inject({ method: 'POST', url: `${url}/publish`, headers: { 'if-match': '"1"' }, payload: { note: 'mine' } })
    const text = 'Ada saved a newer draft: reload it before publishing'
    expect(refusal(publish)).toEqual([412, 'draft_changed', text, [['draft_changed', '/headers/if-match', text]]])
    const zh = await app().inject({ method: 'POST', url: `${url}/publish`, headers: { 'if-match': 'W/"1"', 'accept-language': 'zh-CN' }, payload: {} })
    expect(zh.json().message).toBe('Ada 保存了更新的草稿:请重新载入后再发布')
    const submit = await app().inject({ method: 'POST', url: `${url}/approvals`, headers: { 'if-match': '"1"' }, payload: { note: 'mine' } })
    expect(refusal(submit).slice(0, 3)).toEqual([412, 'draft_changed', 'Ada saved a newer draft: reload it before submitting it for review'])
    const schedule = await app().inject({
      method: 'PUT',
      url: `${url}/schedule`,
      headers: { 'if-match': '"1"', 'accept-language': 'zh-CN' },
      payload: { localTime: '2099-12-05T09:00', timeZone: 'Asia/Shanghai' },
    })
    expect(refusal(schedule).slice(0, 3)).toEqual([412, 'draft_changed', 'Ada 保存了更新的草稿:请重新载入后再设定定时发布'])
    // A revision never saved is not "newer": it says which one the draft is at.
    const ahead = await app().inject({ method: 'POST', url: `${url}/publish`, headers: { 'if-match': '"9"' }, payload: {} })
    expect(refusal(ahead).slice(0, 3)).toEqual([412, 'draft_changed', 'The draft is at revision 2, not 9: reload it before publishing'])
    expect(await stored()).toEqual({ liveVersion: null, schedule: null, approvals: 0 })
  })

  it('publishes the revision named, and without If-Match (or with *) whatever draft is stored', async () => {
    const named = await app().inject({ method: 'POST', url: `${url}/publish`, headers: { 'if-match': '"2"' }, payload: { note: 'seen' } })
    expect([named.statusCode, named.json().version]).toEqual([200, 1])
    const any = await app().inject({ method: 'POST', url: `${url}/publish`, headers: { 'if-match': '*' }, payload: {} })
    expect([any.statusCode, any.json().version]).toEqual([200, 2])
    const unconditional = await app().inject({ method: 'POST', url: `${url}/publish`, payload: {} })
    expect([unconditional.statusCode, unconditional.json().version]).toEqual([200, 3])
    const junk = await app().inject({ method: 'POST', url: `${url}/publish`, headers: { 'if-match': 'latest' }, payload: {} })
    const junkText = 'If-Match must be the ETag of the draft, e.g. "3"'
    expect(refusal(junk)).toEqual([400, 'invalid_if_match', junkText, [['invalid_if_match', '/headers/if-match', junkText]]])
  })
})
