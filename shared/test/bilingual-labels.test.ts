import { describe, expect, it } from 'vitest'
import { JOURNEY_TEMPLATES, nodeKindOf } from '../src/index'

const CHINESE = /[\u4e00-\u9fff]/

describe('branch and variant labels in both languages', () => {
  it('a new segment split names its first branch "High value" in English and 高价值 in Chinese', () => {
    const kind = nodeKindOf('segment_split')
    const [branch] = kind.handles(kind.defaults())
    expect(branch?.label).toEqual({ en: 'High value', zh: '高价值' })
  })

  it('every template branch and variant reads in English in the English UI and in Chinese in the Chinese UI', () => {
    const labels = JOURNEY_TEMPLATES.flatMap((template) =>
      template.nodes.flatMap((node) => (node.type === 'segment_split' || node.type === 'ab_split' ? nodeKindOf(node.type).handles(node.data as never) : [])),
    )
    expect(labels.length).toBeGreaterThan(5)
    for (const { label } of labels) {
      expect(label.en).not.toMatch(CHINESE)
      expect(label.zh === 'Else' || label.zh === '其他' || CHINESE.test(label.zh)).toBe(true)
    }
    expect(labels.map((handle) => handle.label.en)).toContain('Gold+')
  })
})
