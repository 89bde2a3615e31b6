import { fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { NumberInput, TimeInput } from '../src/inspector/fields'

function Harness({ start, emptyAs }: { start: number; emptyAs?: number }) {
  const [value, setValue] = useState(start)
  return (
    <>
      <NumberInput value={value} label="days" onChange={setValue} {...(emptyAs === undefined ? {} : { emptyAs })} />
      <output>{value}</output>
    </>
  )
}

describe('number and time boxes', () => {
  it('lets a number box be emptied and retyped: 3 → "" → 5 reads 5, not 05', () => {
    render(<Harness start={3} />)
    const box = screen.getByRole('spinbutton', { name: 'days' }) as HTMLInputElement
    fireEvent.change(box, { target: { value: '' } })
    expect([box.value, screen.getByRole('status').textContent]).toEqual(['', '3'])
    fireEvent.change(box, { target: { value: '5' } })
    expect([box.value, screen.getByRole('status').textContent]).toEqual(['5', '5'])
    fireEvent.change(box, { target: { value: '' } })
    fireEvent.blur(box)
    expect([box.value, screen.getByRole('status').textContent]).toEqual(['5', '5'])
  })

  it('saves an emptied box as its empty value (control group share: empty = 0, off) and lets it be retyped', () => {
    render(<Harness start={5} emptyAs={0} />)
    const box = screen.getByRole('spinbutton', { name: 'days' }) as HTMLInputElement
    fireEvent.change(box, { target: { value: '' } })
    expect([box.value, screen.getByRole('status').textContent]).toEqual(['', '0'])
    fireEvent.change(box, { target: { value: '2' } })
    expect([box.value, screen.getByRole('status').textContent]).toEqual(['2', '2'])
    fireEvent.change(box, { target: { value: '' } })
    fireEvent.blur(box)
    expect([box.value, screen.getByRole('status').textContent]).toEqual(['0', '0'])
  })

  it('keeps the last time when a time box is cleared', () => {
    const changes: string[] = []
    render(<TimeInput value="22:00" label="from" onChange={(time) => changes.push(time)} />)
    const box = screen.getByLabelText('from') as HTMLInputElement
    fireEvent.change(box, { target: { value: '' } })
    fireEvent.change(box, { target: { value: '07:30' } })
    expect(changes).toEqual(['07:30'])
  })
})
