import type { ConditionGroup } from '@recall/shared'
import { fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
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
function renderCondition(operator: 'eq' | 'in' | 'gte', value: string | number | string[]) {
  const saved: ConditionGroup[] = []
  render(<Harness start={{ match: 'all', conditions: [{ kind: 'attribute', attribute: 'tier', operator, value }] }} saved={saved} />)
  const box = screen.getByRole('textbox', { name: useLocaleStore.getState().locale === 'en' ? 'Value' : '值' }) as HTMLInputElement
  const committed = () => (saved.at(-1)?.conditions[0] as { value?: unknown } | undefined)?.value
  return { box, saved, committed }
}

/** Types the way a person does: one keystroke at a time, then leaves the box. */
function typeThenLeave(box: HTMLInputElement, text: string) {
  for (let length = 1; length <= text.length; length++) fireEvent.change(box, { target: { value: text.slice(0, length) } })
  fireEvent.blur(box)
}

describe('the value of a segment condition', () => {
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
    expect(screen.getByText('= "1e3"')).toBeTruthy()
  })

  it('reads 3.50 as the number 3.5 with the type set to number, and refuses what is not one', () => {
    useLocaleStore.setState({ locale: 'en' })
    const { box, committed } = renderCondition('gte', 1000)
    expect((screen.getByRole('combobox', { name: 'Value type' }) as HTMLSelectElement).value).toBe('number')
    typeThenLeave(box, '3.50')
    expect([committed(), box.value]).toEqual([3.5, '3.50'])
    expect(screen.getByText('= 3.5')).toBeTruthy()
    typeThenLeave(box, '3,50')
    expect(screen.getByText('"3,50" is not a number')).toBeTruthy()
    expect(committed()).toBe(3.5)
  })

  it('splits "is one of" on commas, full-width ones too, keeping each value as typed', () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    const { box, committed } = renderCondition('in', ['gold'])
    typeThenLeave(box, 'gold\uFF0C silver,VIP Gold')
    expect([committed(), box.value]).toEqual([['gold', 'silver', 'VIP Gold'], 'gold\uFF0C silver,VIP Gold'])
    expect(screen.getByText('= "gold", "silver", "VIP Gold"')).toBeTruthy()
  })

  it('switches an entered value to a number when the type is changed', () => {
    useLocaleStore.setState({ locale: 'en' })
    const { box, committed } = renderCondition('eq', 'gold')
    fireEvent.change(box, { target: { value: '0123' } })
    fireEvent.change(screen.getByRole('combobox', { name: 'Value type' }), { target: { value: 'number' } })
    expect([committed(), box.value]).toEqual([123, '0123'])
  })
})
