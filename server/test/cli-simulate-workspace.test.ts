import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { spawnRecall } from './support/recall-process'

/** Runs the built `recall` bundle as its own process, as a user would. */
function recall(args: string[]): Promise<{ code: number | null; stdout: string[]; stderr: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawnRecall(args, { env: { ...process.env, LANG: 'en_US.UTF-8' } })
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr?.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout: stdout.split('\n').filter(Boolean), stderr: stderr.split('\n').filter(Boolean) }))
  })
}

const fixtures = new URL('./fixtures/', import.meta.url).pathname
const workspace = join(fixtures, 'workspace')
const settings = (name: string) => join(fixtures, 'workspace-settings', name)
const folder = mkdtempSync(join(tmpdir(), 'recall-workspace-'))
const contacts = join(folder, 'contacts.csv')
writeFileSync(contacts, 'id,phone,time_zone,name\na,13812345678,Asia/Shanghai,张女士\nb,13812345679,Asia/Shanghai,李先生\nc,13812345670,Europe/London,王女士\n')
const common = ['--contacts', contacts, '--start', '2026-11-02T10:00:00+08:00', '--assume-consent']

describe('recall simulate --workspace (the built bundle)', () => {
  it('runs the journeys together under the settings: the shared recall cap stops the nudge, times in the contacts’ zones, and the what-if 2 → 3 side by side', async () => {
    const result = await recall(['simulate', '--workspace', workspace, '--settings', settings('cap-2.json'), '--what-if', settings('cap-3.json'), ...common])
    expect(result.stderr).toEqual([])
    expect(result.code).toBe(0)
    expect(result.stdout[0]).toBe('Simulated workspace: 2 journeys, 3 contacts, 30 days from 2026-11-02T02:00:00.000Z (seed 1)')
    expect(result.stdout).toContain('Messages per contact in their busiest 7 days, all journeys: 0: 0 · 1: 0 · 2: 3 · 3+: 0')
    expect(result.stdout).toContain('Reorder nudge         0      0  ¥0.00     0        3            0')
    expect(result.stdout).toContain('         6 × skipped: recall cap 2 per 30 days reached, used by journey "Win-back"')
    expect(result.stdout).toContain('    2026-11-02 08:00 Europe/London  Win-back  first  SMS queued to send (1 part)')
    expect(result.stdout).toContain('    2026-11-03 10:00 Asia/Shanghai  Reorder nudge  nudge-send  skipped: recall cap 2 per 30 days reached, used by journey "Win-back"')
    expect(result.stdout).toContain('messages                                     6        9          +3')
    expect(result.stdout).toContain('cost                                     ¥0.30    ¥0.45      +¥0.15')
    expect(result.stdout).toContain('Reorder nudge                0                   3          +3  +¥0.15            0')
  })

  it('gives ISO times with the contact’s offset in --json, for the workspace and for one journey', async () => {
    const both = await recall(['simulate', '--workspace', workspace, '--settings', settings('cap-3.json'), ...common, '--json'])
    const parsed = JSON.parse(both.stdout[0] as string)
    expect(parsed.total.messages).toBe(9)
    expect(parsed.journeys.nudge.messages.sample.map((message: { contactId: string; at: string }) => [message.contactId, message.at])).toEqual([
      ['a', '2026-11-03T10:00:00+08:00'],
      ['b', '2026-11-03T10:00:00+08:00'],
      // 02:00 in London: held for 08:00 there.
      ['c', '2026-11-03T08:00:00+00:00'],
    ])
    expect(parsed.topContacts[0].timeline[0]).toMatchObject({ at: '2026-11-02T10:00:00+08:00', journeyId: 'nudge', journeyName: 'Reorder nudge', kind: 'entered' })
    const one = await recall(['simulate', join(workspace, 'win-back.json'), '--settings', settings('cap-2.json'), ...common, '--json'])
    expect(JSON.parse(one.stdout[0] as string).messages.sample.map((message: { at: string }) => message.at)).toEqual([
      '2026-11-02T10:00:00+08:00',
      '2026-11-02T10:00:00+08:00',
      '2026-11-02T11:00:00+08:00',
      '2026-11-02T11:00:00+08:00',
      '2026-11-02T08:00:00+00:00',
      '2026-11-02T09:00:00+00:00',
    ])
  })

  it('refuses a bad settings file naming the field, in English and in Chinese, with a non-zero exit', async () => {
    const bad = join(folder, 'bad.json')
    writeFileSync(bad, JSON.stringify({ defaultTimeZone: 'Mars/Olympus', categoryWindows: {}, caps: [], holidays: [], spreadHeldMinutes: 0, shortLinkBase: 'https://rcl.to' }))
    expect(await recall(['simulate', '--workspace', workspace, '--settings', bad, ...common])).toEqual({
      code: 1,
      stdout: [],
      stderr: [`error settings.time_zone ${bad} /defaultTimeZone  "Mars/Olympus" is not a known time zone`],
    })
    writeFileSync(
      bad,
      JSON.stringify({
        defaultTimeZone: 'Asia/Shanghai',
        categoryWindows: {},
        caps: [{ id: 'r', categories: ['recall'], limit: -1, window: { amount: 30, unit: 'days' } }],
        holidays: [],
        spreadHeldMinutes: 0,
        shortLinkBase: 'https://rcl.to',
      }),
    )
    const chinese = await recall(['simulate', '--workspace', workspace, '--what-if', bad, ...common, '--lang', 'zh-CN'])
    expect(chinese.code).toBe(1)
    expect(chinese.stderr).toEqual([expect.stringMatching(new RegExp(`^error \\S+ ${bad} /caps/0/limit  .*[\\u4e00-\\u9fff]`))])
  })
})
