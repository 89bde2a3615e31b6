import type { JourneyDocument } from '@recall/shared'
import { describe, expect, it } from 'vitest'
import { compileJourney, migrateEnrollment, step } from '../src/index'
import { at, contact, Driver, policies, sends, template } from './helpers'

describe('migrateEnrollment', () => {
  const v1 = template('win-back-90-days')
  /** v2: a new exit node first in the list (every state key shifts) and new copy on the second touch. */
  const v2: JourneyDocument = structuredClone(v1)
  v2.nodes.unshift({ id: 'unused-exit', type: 'exit', position: { x: 0, y: 600 }, data: { reason: 'unused' } })
  const silent = v2.nodes.find((node) => node.id === 'second-touch-silent')
  if (silent?.type === 'send_sms') silent.data.text = '{{name|亲}},新版文案:全场8折券限时48小时 {{link}}'

  it('moves a waiting contact onto the new version at the same node, keeping its wake time', () => {
    const driver = new Driver(v1)
    driver.start(at('2026-11-24T10:00:00+08:00'))
    const before = driver.state
    if (!before) throw new Error('not started')
    const migrated = migrateEnrollment(compileJourney(v1), compileJourney(v2), before, 'v2')
    expect(migrated).toMatchObject({ version: 'v2', nodeId: 'wait-4-days', wake: { at: before.wake?.at } })
    const woke = step(compileJourney(v2), migrated as never, { type: 'wake' }, { contact: contact(), policies, now: before.wake?.at as number })
    expect(sends(woke).map((effect) => effect.text)).toEqual([expect.stringMatching(/^【乐享商城】张女士,新版文案:全场8折券限时48小时 https:\/\/rcl\.to\/\w+ 回T退订$/)])
  })

  it('leaves a contact on its version when the new one removed its node', () => {
    const driver = new Driver(v1)
    driver.start(at('2026-11-24T10:00:00+08:00'))
    const v3: JourneyDocument = structuredClone(v1)
    v3.nodes = v3.nodes.filter((node) => node.id !== 'wait-4-days')
    expect(migrateEnrollment(compileJourney(v1), compileJourney(v3), driver.state as never, 'v3')).toBeUndefined()
  })
})
