import { fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { SmsEditor, type SmsEditorProps } from '../src/inspector/SmsEditor'

function Controlled(props: Omit<SmsEditorProps, 'text' | 'onChange'> & { initial: string }) {
  const [text, setText] = useState(props.initial)
  return <SmsEditor {...props} text={text} onChange={setText} />
}

describe('SMS editor', () => {
  it('counts 70 Chinese characters as one part and the 71st as two, with a warning', () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    render(<Controlled initial={'好'.repeat(70)} category="transactional" brand={undefined} />)
    expect(screen.getByTestId('sms-parts').textContent).toBe('1 条')
    expect(screen.queryByRole('status')).toBeNull()
    fireEvent.change(screen.getByRole('textbox'), { target: { value: '好'.repeat(71) } })
    expect(screen.getByTestId('sms-parts').textContent).toBe('2 条')
    expect(screen.getByTestId('sms-meter').textContent).toContain('UCS-2')
    expect(screen.getByRole('status').textContent).toBe('此短信将拆分为 2 条发送,按 2 条计费。')
  })

  it('previews the exact text: brand signature, variables filled for the sample contact, opt-out line', () => {
    useLocaleStore.setState({ locale: 'en' })
    render(<Controlled initial="{{name|亲}},您的{{coupon.label}}已到账 {{link}}" category="recall" brand="乐享商城" />)
    expect(screen.getByTestId('sms-preview').textContent).toBe('【乐享商城】张女士,您的满100减30券已到账 https://rcl.to/aB3dE9x 回T退订')
    expect(screen.getByTestId('sms-parts').textContent).toBe('1 part')
  })

  it('inserts a variable with its fallback at the cursor', () => {
    useLocaleStore.setState({ locale: 'en' })
    render(<Controlled initial="您好," category="transactional" brand={undefined} />)
    const area = screen.getByRole('textbox') as HTMLTextAreaElement
    area.setSelectionRange(2, 2)
    fireEvent.click(screen.getByRole('button', { name: 'name' }))
    expect(area.value).toBe('您好{{name|亲}},')
  })

  it('counts English text as GSM-7: 160 in one part, 161 in two', () => {
    useLocaleStore.setState({ locale: 'en' })
    render(<Controlled initial={'a'.repeat(160)} category="transactional" brand={undefined} />)
    expect(screen.getByTestId('sms-parts').textContent).toBe('1 part')
    fireEvent.change(screen.getByRole('textbox'), { target: { value: 'a'.repeat(161) } })
    expect(screen.getByTestId('sms-parts').textContent).toBe('2 parts')
    expect(screen.getByTestId('sms-meter').textContent).toContain('GSM-7')
  })

  it('shows markup in a message as text, never as elements', () => {
    useLocaleStore.setState({ locale: 'en' })
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(1)>{{name|<b>亲</b>}}'
    const { container } = render(<Controlled initial={hostile} category="transactional" brand={undefined} />)
    expect(screen.getByTestId('sms-preview').textContent).toBe('<script>alert(1)</script><img src=x onerror=alert(1)>张女士')
    expect(container.querySelector('script, img, b')).toBeNull()
  })
})
