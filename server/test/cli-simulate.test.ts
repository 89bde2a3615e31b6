import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCommand } from '../src/cli/commands'

async function run(args: string[]) {
  const stdout: string[] = []
  const stderr: string[] = []
  const code = await runCommand(args, { stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line), env: {} })
  return { code, stdout, stderr }
}

const templates = new URL('../../shared/templates/', import.meta.url).pathname
const folder = mkdtempSync(join(tmpdir(), 'recall-sim-'))
const contactsFile = join(folder, 'contacts.csv')
writeFileSync(
  contactsFile,
  'id,phone,time_zone,name,tier\na,13812345678,Asia/Shanghai,张女士,gold\nb,13812345679,Asia/Shanghai,李先生,silver\nc,13812345670,Europe/London,王女士,bronze\n',
)

describe('recall simulate', () => {
  it('prints a readable summary with per-node counts and hold reasons', async () => {
    const result = await run([
      'simulate',
      join(templates, 'win-back-90-days.json'),
      '--contacts',
      contactsFile,
      '--days',
      '30',
      '--start',
      '2026-11-02T22:00:00+08:00',
      '--seed',
      '1',
      '--assume-consent',
    ])
    expect(result.stderr).toEqual([])
    expect(result.code).toBe(0)
    expect(result.stdout[0]).toBe('Simulated "90-day win-back · 90天流失挽回": 3 contacts, 30 days from 2026-11-02T14:00:00.000Z (seed 1)')
    // Three messages each, the first held for all: 22:00 Beijing is 14:00 in London, but the London
    // contact has a +86 number, so Beijing time counts too; it goes at 08:00 London (16:00 Beijing).
    expect(result.stdout).toContain('Messages: 9 (9 billed parts), estimated cost ¥0.45')
    expect(result.stdout).toContain('first-touch                 3        0     3     3        0       0          0')
    expect(result.stdout).toContain('  2026-11-03        3        3  ¥0.15')
    expect(result.stdout).toContain('         2 × held: outside 08:00–21:00 Asia/Shanghai')
    expect(result.stdout).toContain("         1 × held: outside 08:00–21:00 in Europe/London (the contact's own zone) and Asia/Shanghai (China's legal time)")
    expect(result.stdout).toContain('  2026-11-03 08:00 Europe/London  c  first-touch')
  })

  it('prints the whole result as JSON with --json', async () => {
    const result = await run(['simulate', join(templates, 'ab-offer-test.json'), '--contacts', contactsFile, '--start', '2026-11-02T10:00:00+08:00', '--assume-consent', '--json'])
    const parsed = JSON.parse(result.stdout[0] as string)
    expect(parsed.contacts).toBe(3)
    expect(parsed.conversions.byVariant.reduce((sum: number, variant: { contacts: number }) => sum + variant.contacts, 0)).toBe(3)
  })

  it('assumes no consent unless the file says so, says so, and sends no marketing', async () => {
    const result = await run(['simulate', join(templates, 'win-back-90-days.json'), '--contacts', contactsFile, '--start', '2026-11-02T22:00:00+08:00', '--json'])
    expect(result.stderr).toEqual(['3 of 3 contacts have no consent (no consent unless the file says so); they receive no marketing. --assume-consent simulates as if they had.'])
    expect(JSON.parse(result.stdout[0] as string).messages.total).toBe(0)
  })

  it('rejects bad options and bad contact rows with the field named, in Chinese when asked', async () => {
    expect((await run(['simulate', join(templates, 'birthday.json'), '--contacts', contactsFile, '--days', '0'])).stderr[0]).toMatch(/^Invalid value for --days/)
    const broken = join(folder, 'broken.csv')
    writeFileSync(broken, 'id,phone\nx,999\n')
    const result = await run(['simulate', join(templates, 'birthday.json'), '--contacts', broken, '--lang', 'zh-CN'])
    expect(result).toEqual({ code: 1, stdout: [], stderr: ['联系人第 2 行,phone:"999" 不是有效的手机号码(默认地区 CN)'] })
  })

  it('refuses a contacts file with a header and no rows, naming the file in both languages', async () => {
    const headerOnly = join(folder, 'header-only.csv')
    writeFileSync(headerOnly, 'id,phone\n')
    expect(await run(['simulate', join(templates, 'birthday.json'), '--contacts', headerOnly])).toEqual({
      code: 1,
      stdout: [],
      stderr: [`${headerOnly}: no contact rows; add at least one`],
    })
    expect(await run(['simulate', join(templates, 'birthday.json'), '--contacts', headerOnly, '--lang', 'zh-CN'])).toEqual({
      code: 1,
      stdout: [],
      stderr: [`${headerOnly}:没有联系人行,请至少添加一行`],
    })
  })
})
