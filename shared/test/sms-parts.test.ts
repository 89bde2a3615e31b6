import { describe, expect, it } from 'vitest'
import { countSmsParts } from '../src/index'

const han = (n: number) => '好'.repeat(n)
const latin = (n: number) => 'a'.repeat(n)
const emoji = (n: number) => '😀'.repeat(n)

describe('countSmsParts', () => {
  it.each([
    [70, 1, 70, 0],
    [71, 2, 67, 63],
    [134, 2, 67, 0],
    [135, 3, 67, 66],
  ])('counts %i Chinese characters as UCS-2 in %i part(s)', (length, parts, perPart, remainingInPart) => {
    expect(countSmsParts(han(length))).toEqual({ encoding: 'UCS-2', units: length, parts, perPart, remainingInPart })
  })

  it.each([
    [160, 1, 160, 0],
    [161, 2, 153, 145],
    [306, 2, 153, 0],
    [307, 3, 153, 152],
  ])('counts %i Latin characters as GSM-7 in %i part(s)', (length, parts, perPart, remainingInPart) => {
    expect(countSmsParts(latin(length))).toEqual({ encoding: 'GSM-7', units: length, parts, perPart, remainingInPart })
  })

  it('counts GSM-7 extension characters twice', () => {
    expect(countSmsParts('€^{}[]~|\\')).toMatchObject({ encoding: 'GSM-7', units: 18, parts: 1 })
    expect(countSmsParts('€'.repeat(80))).toMatchObject({ units: 160, parts: 1 })
    expect(countSmsParts('€'.repeat(81))).toMatchObject({ units: 162, parts: 2 })
  })

  it('never splits an escape pair across parts', () => {
    // 152 septets then a 2-septet euro sign: the euro starts part two instead of straddling it.
    expect(countSmsParts(`${latin(152)}€${latin(152)}`)).toMatchObject({ units: 306, parts: 3, remainingInPart: 152 })
  })

  it('counts emoji as two UCS-2 units and never splits a surrogate pair', () => {
    expect(countSmsParts(emoji(35))).toMatchObject({ encoding: 'UCS-2', units: 70, parts: 1 })
    expect(countSmsParts(emoji(36))).toMatchObject({ units: 72, parts: 2 })
    // 134 units would fit two parts of 67, but 33 pairs fill a part to 66 and the 67th pair needs a third.
    expect(countSmsParts(emoji(67))).toMatchObject({ units: 134, parts: 3, remainingInPart: 65 })
  })

  it('switches a whole message to UCS-2 for one character outside GSM-7', () => {
    expect(countSmsParts(`${latin(100)}好`)).toMatchObject({ encoding: 'UCS-2', units: 101, parts: 2 })
  })

  it('counts an empty message as no parts', () => {
    expect(countSmsParts('')).toEqual({ encoding: 'GSM-7', units: 0, parts: 0, perPart: 160, remainingInPart: 160 })
  })
})
