import { describe, expect, it } from 'vitest'
import { numberReadings } from '../../src/providers/pushed-number'

describe('the readings of a number a cloud pushed', () => {
  it.each([
    ['a mainland mobile without +86', '13800138000', ['+8613800138000']],
    ['a Hong Kong number with its country code but no "+"', '85291234567', ['+85291234567']],
    ['a Singapore number the same way', '6591234567', ['+6591234567']],
    ['a number valid both ways, mainland first', '13012345678', ['+8613012345678', '+13012345678']],
    ['a mainland number with 86 in front', '8613800138000', ['+8613800138000']],
    ['a number given with "+"', '+13012345678', ['+13012345678']],
    ['a number no reading makes valid', '12345', []],
  ])('%s', (_name, pushed, readings) => {
    expect(numberReadings(pushed)).toEqual(readings)
  })
})
