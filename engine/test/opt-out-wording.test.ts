import { describe, expect, it } from 'vitest'
import { defaultPolicies } from '../src/index'
import { at, contact, Driver, sends, template } from './helpers'

describe("the routed provider's opt-out wording and sign", () => {
  const document = template('wake-up-45-days')
  const person = contact({ attributes: { tier: 'bronze', points: 268 } })

  it('ends a recall SMS routed to Tencent with 拒收请回复R instead of 回T退订', () => {
    const driver = new Driver(document, person, defaultPolicies({ optOutWording: { recall: '拒收请回复R' } }))
    expect(sends(driver.start(at('2026-11-24T18:00:00+08:00'))).map((effect) => [effect.text, effect.parts])).toEqual([
      ['【乐享商城】亲,您有268积分待使用,再送5元无门槛券,点击领取 https://rcl.to/W5AFX3A 拒收请回复R', 1],
    ])
  })

  it("signs with the routed cloud account's sign name instead of the journey's brand", () => {
    const driver = new Driver(document, person, defaultPolicies({ optOutWording: { recall: '拒收请回复R' }, signNames: { recall: '乐享' } }))
    expect(sends(driver.start(at('2026-11-24T18:00:00+08:00')))[0]?.text).toBe('【乐享】亲,您有268积分待使用,再送5元无门槛券,点击领取 https://rcl.to/W5AFX3A 拒收请回复R')
  })

  it('keeps 回T退订 for a category whose provider has no wording of its own', () => {
    const driver = new Driver(document, person, defaultPolicies({ optOutWording: { marketing: '拒收请回复R' } }))
    expect(sends(driver.start(at('2026-11-24T18:00:00+08:00')))[0]?.text).toBe('【乐享商城】亲,您有268积分待使用,再送5元无门槛券,点击领取 https://rcl.to/W5AFX3A 回T退订')
  })
})
