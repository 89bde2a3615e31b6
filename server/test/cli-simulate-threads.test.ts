import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { spawnRecall } from './support/recall-process'

const folder = mkdtempSync(join(tmpdir(), 'recall-sim-threads-'))
const contacts = join(folder, 'contacts.csv')
// 12,000 contacts: enough for the run to be split across two worker threads.
const rows = Array.from({ length: 12_000 }, (_, index) => `c${index},1381${String(index).padStart(7, '0')},Asia/Shanghai,gold`)
writeFileSync(contacts, `id,phone,time_zone,tier\n${rows.join('\n')}\n`)
const journey = new URL('../../shared/templates/win-back-90-days.json', import.meta.url).pathname

describe('recall simulate on worker threads (the built bundle)', () => {
  it('exits when the simulation is done: the threads kept for a next run do not hold the process', async () => {
    const child = spawnRecall(['simulate', journey, '--contacts', contacts, '--days', '3', '--start', '2026-11-02T10:00:00+08:00', '--seed', '1', '--assume-consent', '--json'])
    let stdout = ''
    child.stdout?.on('data', (chunk) => {
      stdout += chunk
    })
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(code).toBe(0)
    const result = JSON.parse(stdout) as { contacts: number; steps: number; nodes: Record<string, { sent: number; waiting: number }> }
    expect(result.contacts).toBe(12_000)
    // In three days every contact gets the first touch and waits out the four-day wait.
    expect(result.steps).toBe(12_000)
    expect(result.nodes['first-touch']?.sent).toBe(12_000)
    expect(result.nodes['wait-4-days']?.waiting).toBe(12_000)
  }, 60_000)
})
