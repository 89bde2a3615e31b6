import type { JourneyDocument } from '@recall/shared'
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { ReactFlowProvider } from '@xyflow/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useCatalog } from '../src/app/catalog'
import { InspectorPanel } from '../src/editor/InspectorPanel'
import { ProblemList } from '../src/editor/ProblemList'
import { nodeData, openInEditor, template } from './helpers'

const CATALOG = {
  attributes: [
    { name: 'tier', type: 'string', examples: ['gold'] },
    { name: 'points', type: 'number', examples: [120] },
  ],
  events: [],
}

/** The wake-up template with its first branch holding one attribute condition, the split selected. */
function openSplit(condition: object, locale: 'en' | 'zh-CN' = 'en') {
  const document = structuredClone(template('wake-up-45-days')) as JourneyDocument
  const split = document.nodes.find((node) => node.type === 'segment_split')
  if (!split) throw new Error('no split')
  const data = split.data as { branches: { condition: { match: string; conditions: object[] } }[] }
  data.branches[0] = { ...data.branches[0], condition: { match: 'all', conditions: [condition] } } as (typeof data.branches)[0]
  openInEditor(document, { select: split.id, locale })
  render(
    <ReactFlowProvider>
      <InspectorPanel />
      <ProblemList />
    </ReactFlowProvider>,
  )
  const firstLeaf = () => (nodeData(split.id) as typeof data).branches[0]?.condition.conditions[0]
  return { firstLeaf }
}

/** The journey's problem list (the inspector lists the node's own as well). */
const problems = () =>
  within(document.querySelector('ul.problems') as HTMLElement)
    .getAllByRole('button')
    .map((item) => item.textContent)

describe('problems of a segment condition in the editor', () => {
  beforeEach(() => {
    useCatalog.setState({ catalog: CATALOG, requested: true })
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ count: 0, exact: false }), { status: 200, headers: { 'content-type': 'application/json' } })),
    )
  })
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  it('lists "needs a value" once "points > 500" is retyped as "VIP Gold", instead of keeping 500', () => {
    const { firstLeaf } = openSplit({ kind: 'attribute', attribute: 'points', operator: 'gt', value: 500 })
    const box = screen.getAllByRole('textbox', { name: 'Value' })[0] as HTMLInputElement
    fireEvent.change(box, { target: { value: 'VIP Gold' } })
    fireEvent.blur(box)
    expect(firstLeaf()).toEqual({ kind: 'attribute', attribute: 'points', operator: 'gt' })
    expect(problems().filter((text) => text?.includes('">"'))).toHaveLength(1)
    expect(problems().some((text) => text?.endsWith('">" needs a value'))).toBe(true)
  })

  it('lists "tier > abc" as a problem naming the operator as the dropdown shows it, in both languages', () => {
    openSplit({ kind: 'attribute', attribute: 'tier', operator: 'gt', value: 'abc' })
    expect(problems().filter((text) => text?.endsWith('">" compares numbers or dates; "abc" is neither'))).toHaveLength(1)
    cleanup()
    openSplit({ kind: 'attribute', attribute: 'tier', operator: 'lt', value: 'z' }, 'zh-CN')
    expect(problems().filter((text) => text?.endsWith('"小于" 只能比较数字或日期,"z" 两者都不是'))).toHaveLength(1)
  })
})
