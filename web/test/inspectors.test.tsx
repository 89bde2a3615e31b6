import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { ReactFlowProvider } from '@xyflow/react'
import { describe, expect, it } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { InspectorPanel } from '../src/editor/InspectorPanel'
import { ProblemList } from '../src/editor/ProblemList'
import { useEditor } from '../src/editor/store'
import { rebalanceWeights } from '../src/nodes/ab_split/weights'
import { nodeData, openInEditor, template } from './helpers'

function renderPanel() {
  return render(
    <ReactFlowProvider>
      <InspectorPanel />
      <ProblemList />
    </ReactFlowProvider>,
  )
}

describe('A/B weights', () => {
  it('always add up to 100: the others give way, last first', () => {
    expect(rebalanceWeights([50, 50], 0, 70)).toEqual([70, 30])
    expect(rebalanceWeights([34, 33, 33], 0, 80)).toEqual([80, 20, 0])
    expect(rebalanceWeights([80, 20, 0], 2, 10)).toEqual([80, 10, 10])
    expect(rebalanceWeights([50, 50], 1, 140)).toEqual([0, 100])
  })

  it('rebalances as the marketer types in the inspector', () => {
    const ab = template('ab-offer-test')
    const split = ab.nodes.find((node) => node.type === 'ab_split')
    if (!split) throw new Error('no split')
    openInEditor(ab, { select: split.id })
    renderPanel()
    const [first] = screen.getAllByRole('spinbutton')
    fireEvent.change(first as HTMLElement, { target: { value: '30' } })
    const weights = (nodeData(split.id) as { variants: { weight: number }[] }).variants.map((variant) => variant.weight)
    expect(weights[0]).toBe(30)
    expect(weights.reduce((sum, weight) => sum + weight, 0)).toBe(100)
    expect(screen.getByText(/^Total:/).textContent).toBe('Total: 100%')
  })
})

describe('inspectors', () => {
  it('turns a wait into a wait-for-event with its defaults, and undo brings the duration back', () => {
    openInEditor(template('abandoned-cart'), { select: 'wait-1-day' })
    renderPanel()
    fireEvent.change(screen.getByDisplayValue('For a time'), { target: { value: 'for_event' } })
    expect(nodeData('wait-1-day')).toEqual({ mode: 'for_event', event: 'order_placed', timeout: { amount: 3, unit: 'days' } })
    useEditor.getState().undo()
    expect(nodeData('wait-1-day')).toEqual({ mode: 'duration', duration: { amount: 1, unit: 'days' } })
  })

  it('gives a wait until a date an optional "at least", in English and Chinese', () => {
    openInEditor(template('abandoned-cart'), { select: 'wait-1-day' })
    renderPanel()
    fireEvent.change(screen.getByDisplayValue('For a time'), { target: { value: 'until_date_attribute' } })
    expect(screen.queryByText('At least')).toBeNull()
    fireEvent.click(screen.getByRole('checkbox', { name: 'Wait at least a while, even if that time has passed' }))
    expect(nodeData('wait-1-day')).toEqual({ mode: 'until_date_attribute', attribute: 'points_expire_at', offsetDays: -3, time: '10:00', minimum: { amount: 1, unit: 'days' } })
    const atLeast = screen.getByText('At least').closest('label') as HTMLElement
    fireEvent.change(within(atLeast).getByRole('spinbutton'), { target: { value: '6' } })
    fireEvent.change(within(atLeast).getByDisplayValue('days'), { target: { value: 'hours' } })
    expect(nodeData('wait-1-day')).toMatchObject({ minimum: { amount: 6, unit: 'hours' } })
    act(() => useLocaleStore.setState({ locale: 'zh-CN' }))
    expect(screen.getByText('至少等待')).toBeTruthy()
    fireEvent.click(screen.getByRole('checkbox', { name: '至少等待一段时间(即使该时间已过)' }))
    expect(nodeData('wait-1-day')).toEqual({ mode: 'until_date_attribute', attribute: 'points_expire_at', offsetDays: -3, time: '10:00' })
  })

  it('edits a trigger in Chinese and shows the event-name field', () => {
    openInEditor(template('abandoned-cart'), { locale: 'zh-CN', select: 'trigger' })
    renderPanel()
    expect(screen.getByRole('heading', { name: '触发' }).tagName).toBe('H2')
    fireEvent.change(screen.getByDisplayValue('cart_added'), { target: { value: 'cart_abandoned' } })
    expect(nodeData('trigger')).toEqual({ on: 'event', event: 'cart_abandoned' })
  })

  it('builds an AND/OR condition in a segment split', () => {
    const document = template('wake-up-45-days')
    const split = document.nodes.find((node) => node.type === 'segment_split')
    if (!split) throw new Error('no split')
    openInEditor(document, { select: split.id })
    renderPanel()
    const before = (nodeData(split.id) as { branches: { condition: { conditions: unknown[] } }[] }).branches[0]?.condition.conditions.length ?? 0
    fireEvent.click(screen.getAllByRole('button', { name: '+ Group' })[0] as HTMLElement)
    const condition = (nodeData(split.id) as { branches: { condition: { conditions: unknown[] } }[] }).branches[0]?.condition
    expect(condition?.conditions).toHaveLength(before + 1)
    expect(condition?.conditions.at(-1)).toEqual({ match: 'any', conditions: [{ kind: 'attribute', attribute: 'tier', operator: 'eq', value: 'gold' }] })
  })

  it('shows journey settings when nothing is selected, and clearing the brand is one edit', () => {
    openInEditor(template('abandoned-cart'))
    renderPanel()
    fireEvent.change(screen.getByDisplayValue(template('abandoned-cart').settings.brand as string), { target: { value: '' } })
    expect(useEditor.getState().document?.settings.brand).toBeUndefined()
    expect(useEditor.getState().past).toHaveLength(1)
  })
})

describe('SMS template for template providers', () => {
  it('maps the node to a template code and parameters filled from variables', () => {
    openInEditor(template('abandoned-cart'), { select: 'cart-reminder' })
    renderPanel()
    fireEvent.change(screen.getByPlaceholderText('SMS_123456789'), { target: { value: 'SMS_2451' } })
    fireEvent.change(screen.getByRole('textbox', { name: 'Parameters' }), { target: { value: 'name = {{name|亲}}\nitem = {{cart_item|心仪好物}}' } })
    expect((nodeData('cart-reminder') as { providerTemplate: unknown }).providerTemplate).toEqual({
      code: 'SMS_2451',
      params: { name: '{{name|亲}}', item: '{{cart_item|心仪好物}}' },
    })
  })
})

describe('problem list', () => {
  it('lists the validator problems and selects the node of the one clicked', () => {
    const broken = template('abandoned-cart')
    openInEditor({ ...broken, edges: broken.edges.filter((edge) => edge.id !== 'e-cart-coupon-out') })
    renderPanel()
    const list = screen.getByRole('list', { name: 'Problems' })
    const item = within(list).getByRole('button', { name: /cart-coupon/ })
    expect(item.textContent).toContain('cart-coupon')
    fireEvent.click(item)
    expect(useEditor.getState().selectedNodeIds).toEqual(['cart-coupon'])
  })

  it('says the journey is ready when there are no problems', () => {
    openInEditor(template('abandoned-cart'))
    renderPanel()
    expect(screen.getByText('No problems: ready to publish').className).toBe('problems problems--none')
  })
})
