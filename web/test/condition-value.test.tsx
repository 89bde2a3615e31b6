import type { ConditionGroup } from '@recall/shared'
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useCatalog } from '../src/app/catalog'
import { useLocaleStore } from '../src/app/locale'
import { ConditionBuilder } from '../src/inspector/ConditionBuilder'

function Harness({ start, saved }: { start: ConditionGroup; saved: ConditionGroup[] }) {
  const [group, setGroup] = useState(start)
  return (
    <ConditionBuilder
      group={group}
      onChange={(next) => {
        saved.push(next)
        setGroup(next)
      }}
    />
  )
}

/** The builder over one attribute condition; returns what the document holds after each commit. */
function renderCondition(operator: 'eq' | 'in' | 'gte' | 'lt' | 'gt', value: string | number | string[] | undefined, attribute = 'tier') {
  const saved: ConditionGroup[] = []
  render(<Harness start={{ match: 'all', conditions: [{ kind: 'attribute', attribute, operator, ...(value === undefined ? {} : { value }) }] }} saved={saved} />)
  const box = screen.getByRole('textbox', { name: useLocaleStore.getState().locale === 'en' ? 'Value' : '值' }) as HTMLInputElement
  const committed = () => (saved.at(-1)?.conditions[0] as { value?: unknown } | undefined)?.value
  return { box, saved, committed }
}

/** What the hint beside the value box says: the value as read, or why the text does not read. */
const hint = () => document.querySelector('.condition__value output')?.textContent

/** Types the way a person does: one keystroke at a time, then leaves the box. */
function typeThenLeave(box: HTMLInputElement, text: string) {
  for (let length = 1; length <= text.length; length++) fireEvent.change(box, { target: { value: text.slice(0, length) } })
  fireEvent.blur(box)
}

/** What the contacts hold, as GET /api/catalog answers; `requested` keeps the picker from fetching. */
const CATALOG = {
  attributes: [
    { name: 'tier', type: 'string', examples: ['gold', 'silver'] },
    { name: 'spend', type: 'number', examples: [120, 3.5] },
    { name: 'last_order_at', type: 'date', examples: ['2026-10-01'] },
    { name: 'vip', type: 'boolean', examples: [true] },
  ],
  events: [],
}

const typeSwitch = () => screen.getByRole('combobox', { name: 'Value type' }) as HTMLSelectElement

describe('the value of a segment condition', () => {
  beforeEach(() => useCatalog.setState({ catalog: CATALOG, requested: true }))

  it('keeps "VIP Gold", "0123" and "1e3" exactly as typed when the value is text', () => {
    useLocaleStore.setState({ locale: 'en' })
    const { box, saved, committed } = renderCondition('eq', 'gold')
    for (let length = 1; length <= 'VIP Gold'.length; length++) fireEvent.change(box, { target: { value: 'VIP Gold'.slice(0, length) } })
    expect(box.value).toBe('VIP Gold')
    // Nothing is read while typing.
    expect(saved).toEqual([])
    fireEvent.blur(box)
    expect([committed(), box.value]).toEqual(['VIP Gold', 'VIP Gold'])
    typeThenLeave(box, '0123')
    expect([committed(), box.value]).toEqual(['0123', '0123'])
    typeThenLeave(box, '1e3')
    expect([committed(), box.value]).toEqual(['1e3', '1e3'])
    expect(hint()).toBe('= "1e3" (text)')
  })

  it('reads 3.50 as the number 3.5 with the type set to number, and drops the value when the box is not one', () => {
    useLocaleStore.setState({ locale: 'en' })
    const { box, saved, committed } = renderCondition('gte', 1000)
    expect((screen.getByRole('combobox', { name: 'Value type' }) as HTMLSelectElement).value).toBe('number')
    typeThenLeave(box, '3.50')
    expect([committed(), box.value]).toEqual([3.5, '3.50'])
    expect(hint()).toBe('= 3.5 (number)')
    typeThenLeave(box, '3,50')
    expect(hint()).toBe('"3,50" is not a number')
    // The saved condition has no value, so validation asks for one instead of keeping 3.5 unseen.
    expect(saved.at(-1)?.conditions[0]).toEqual({ kind: 'attribute', attribute: 'tier', operator: 'gte' })
    expect([box.value, typeSwitch().value]).toEqual(['3,50', 'number'])
  })

  it('splits "is one of" on commas, full-width ones too, keeping each value as typed', () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    const { box, committed } = renderCondition('in', ['gold'])
    typeThenLeave(box, 'gold\uFF0C silver,VIP Gold')
    expect([committed(), box.value]).toEqual([['gold', 'silver', 'VIP Gold'], 'gold\uFF0C silver,VIP Gold'])
    expect(hint()).toBe('= "gold", "silver", "VIP Gold" (文本)')
  })

  it('switches an entered value to a number when the type is changed', () => {
    useLocaleStore.setState({ locale: 'en' })
    const { box, committed } = renderCondition('eq', 'gold')
    fireEvent.change(box, { target: { value: '0123' } })
    fireEvent.change(screen.getByRole('combobox', { name: 'Value type' }), { target: { value: 'number' } })
    expect([committed(), box.value]).toEqual([123, '0123'])
  })

  it('reads a value typed for a number attribute of the catalog as a number: 3.50 is stored as 3.5', () => {
    useLocaleStore.setState({ locale: 'en' })
    const { box, committed } = renderCondition('gte', undefined, 'spend')
    expect(typeSwitch().value).toBe('number')
    typeThenLeave(box, '3.50')
    expect([committed(), box.value]).toEqual([3.5, '3.50'])
    expect(hint()).toBe('= 3.5 (number)')
  })

  it('keeps 0123 as the text "0123" on a text attribute of the catalog', () => {
    useLocaleStore.setState({ locale: 'en' })
    const { box, committed } = renderCondition('eq', undefined, 'tier')
    expect(typeSwitch().value).toBe('text')
    typeThenLeave(box, '0123')
    expect([committed(), box.value]).toEqual(['0123', '0123'])
    expect(hint()).toBe('= "0123" (text)')
  })

  it('lets the switch override the catalog: a code on a number attribute stays "0123", and reads as text when opened again', () => {
    useLocaleStore.setState({ locale: 'en' })
    const { box, committed } = renderCondition('eq', 100, 'spend')
    fireEvent.change(box, { target: { value: '0123' } })
    fireEvent.change(typeSwitch(), { target: { value: 'text' } })
    expect([committed(), box.value]).toEqual(['0123', '0123'])
    cleanup()
    renderCondition('eq', '0123', 'spend')
    expect(typeSwitch().value).toBe('text')
  })

  it('reads a date attribute as dates, written as ISO text, and refuses a day that does not exist', () => {
    useLocaleStore.setState({ locale: 'en' })
    const { box, committed } = renderCondition('lt', undefined, 'last_order_at')
    expect(typeSwitch().value).toBe('date')
    typeThenLeave(box, '2026/3/8')
    expect([committed(), box.value]).toEqual(['2026-03-08', '2026/3/8'])
    expect(hint()).toBe('= "2026-03-08" (date)')
    typeThenLeave(box, '2026年3月9日 9:30')
    expect(committed()).toBe('2026-03-09T09:30')
    typeThenLeave(box, '2026-02-30')
    expect(hint()).toBe('"2026-02-30" is not a date (write 2026-03-08 or 2026-03-08 14:30)')
    expect([committed(), box.value, typeSwitch().value]).toEqual([undefined, '2026-02-30', 'date'])
  })

  it('reads yes/no attributes as booleans, in both languages', () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    const { box, committed } = renderCondition('eq', undefined, 'vip')
    typeThenLeave(box, '是')
    expect(committed()).toBe(true)
    expect(hint()).toBe('= true (是/否)')
  })

  it('splits "is one of" gold, silver on a catalogued text attribute into two texts', () => {
    useLocaleStore.setState({ locale: 'en' })
    const { box, committed } = renderCondition('in', undefined, 'tier')
    typeThenLeave(box, 'gold, silver')
    expect(committed()).toEqual(['gold', 'silver'])
    typeThenLeave(box, 'gold\uFF0Csilver')
    expect(committed()).toEqual(['gold', 'silver'])
  })

  it('re-reads the value when the attribute changes to one of another type, and drops what cannot be read', () => {
    useLocaleStore.setState({ locale: 'en' })
    const { box, saved } = renderCondition('eq', '42', 'tier')
    const attribute = screen.getAllByRole('combobox').find((element) => element.tagName === 'INPUT') as HTMLInputElement
    fireEvent.change(attribute, { target: { value: 'spend' } })
    expect(saved.at(-1)?.conditions[0]).toEqual({ kind: 'attribute', attribute: 'spend', operator: 'eq', value: 42 })
    expect([box.value, typeSwitch().value]).toEqual(['42', 'number'])
    fireEvent.change(box, { target: { value: 'gold' } })
    fireEvent.blur(box)
    fireEvent.change(typeSwitch(), { target: { value: 'text' } })
    fireEvent.change(attribute, { target: { value: 'last_order_at' } })
    expect(saved.at(-1)?.conditions[0]).toEqual({ kind: 'attribute', attribute: 'last_order_at', operator: 'eq' })
    expect(box.value).toBe('')
  })

  describe('when the operator changes', () => {
    const operatorSelect = () =>
      screen
        .getAllByRole('combobox')
        .find(
          (element) => (element as HTMLSelectElement).value === 'in' || (element as HTMLSelectElement).value === 'eq' || (element as HTMLSelectElement).value === 'gt',
        ) as HTMLSelectElement
    const estimate: unknown[] = []
    beforeEach(() => {
      estimate.length = 0
      vi.stubGlobal(
        'fetch',
        vi.fn(async (_url: string, init?: RequestInit) => {
          estimate.push(JSON.parse(String(init?.body)))
          return new Response(JSON.stringify({ count: 0, exact: false }), { status: 200, headers: { 'content-type': 'application/json' } })
        }),
      )
    })
    afterEach(() => vi.unstubAllGlobals())

    it('reads "gold, silver" again for "=": the saved value is the one text the hint shows', () => {
      useLocaleStore.setState({ locale: 'en' })
      const { box, committed } = renderCondition('in', undefined, 'tier')
      typeThenLeave(box, 'gold, silver')
      expect(committed()).toEqual(['gold', 'silver'])
      fireEvent.change(operatorSelect(), { target: { value: 'eq' } })
      expect([committed(), box.value]).toEqual(['gold, silver', 'gold, silver'])
      expect(hint()).toBe('= "gold, silver" (text)')
      fireEvent.change(operatorSelect(), { target: { value: 'gt' } })
      typeThenLeave(box, 'abc')
      expect([committed(), box.value]).toEqual(['abc', 'abc'])
      fireEvent.change(operatorSelect(), { target: { value: 'in' } })
      expect(committed()).toEqual(['abc'])
    })

    it('drops 500 when the box on a number attribute is changed to "VIP Gold": the box keeps the text and the count waits', async () => {
      useLocaleStore.setState({ locale: 'en' })
      const { box, saved } = renderCondition('gt', undefined, 'spend')
      typeThenLeave(box, '500')
      expect(saved.at(-1)?.conditions[0]).toEqual({ kind: 'attribute', attribute: 'spend', operator: 'gt', value: 500 })
      typeThenLeave(box, 'VIP Gold')
      expect(saved.at(-1)?.conditions[0]).toEqual({ kind: 'attribute', attribute: 'spend', operator: 'gt' })
      expect(box.value).toBe('VIP Gold')
      expect(hint()).toBe('"VIP Gold" is not a number')
      expect(screen.getByTestId('estimated-count').textContent).toBe('The count waits for a valid value')
      estimate.length = 0
      await new Promise((resolve) => setTimeout(resolve, 400))
      expect(estimate).toEqual([])
    })

    it('drops an old list when "is one of" on a number attribute is changed to "1, abc, 3"', () => {
      useLocaleStore.setState({ locale: 'zh-CN' })
      const { box, saved } = renderCondition('in', [1, 2] as unknown as string[], 'spend')
      typeThenLeave(box, '1, abc, 3')
      expect(saved.at(-1)?.conditions[0]).toEqual({ kind: 'attribute', attribute: 'spend', operator: 'in' })
      expect(box.value).toBe('1, abc, 3')
      expect(hint()).toBe('"abc"不是数字')
      expect(screen.getByTestId('estimated-count').textContent).toBe('填写有效的值后再计算人数')
    })

    it('drops a value the box cannot read for the new operator, keeps the text, and the count waits', async () => {
      useLocaleStore.setState({ locale: 'zh-CN' })
      const { box, saved, committed } = renderCondition('in', [1, 2] as unknown as string[], 'spend')
      expect(box.value).toBe('1, 2')
      fireEvent.change(operatorSelect(), { target: { value: 'eq' } })
      expect(saved.at(-1)?.conditions[0]).toEqual({ kind: 'attribute', attribute: 'spend', operator: 'eq' })
      expect(committed()).toBeUndefined()
      expect(box.value).toBe('1, 2')
      expect(hint()).toBe('"1, 2"不是数字')
      expect(screen.getByTestId('estimated-count').textContent).toBe('填写有效的值后再计算人数')
      await new Promise((resolve) => setTimeout(resolve, 400))
      expect(estimate).toEqual([])
      expect(screen.getByTestId('estimated-count').textContent).toBe('填写有效的值后再计算人数')
    })
  })
})
