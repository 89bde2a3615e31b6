import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultPolicies } from '@recall/engine'
import { afterAll, describe, expect, it } from 'vitest'
import { readSettingsFile } from '../src/cli/settings-file'

describe('a settings file for the command line', () => {
  const folder = mkdtempSync(join(tmpdir(), 'recall-settings-'))
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  it('takes a default time zone typed in any case by its IANA name', async () => {
    const path = join(folder, 'settings.json')
    const { dailyMessageCeiling: _default, ...policies } = defaultPolicies()
    writeFileSync(path, JSON.stringify({ ...policies, defaultTimeZone: 'ASIA/SHANGHAI' }))
    expect((await readSettingsFile(path)).policies?.defaultTimeZone).toBe('Asia/Shanghai')
  })
})
