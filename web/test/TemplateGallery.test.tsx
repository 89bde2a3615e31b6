import { fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { TemplateGallery } from '../src/TemplateGallery'

describe('TemplateGallery', () => {
  it('lists the seven templates in Chinese with their node summaries', () => {
    render(<TemplateGallery initialLocale="zh-CN" />)
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('从模板开始')
    expect(screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent)).toEqual([
      '新用户7天未激活',
      '45天未消费唤醒',
      '90天流失挽回',
      '优惠券到期提醒',
      '购物车放弃挽回',
      '生日关怀',
      '优惠力度A/B测试',
    ])
    const winBack = within(screen.getByRole('list', { name: '90天流失挽回' }))
    expect(winBack.getAllByRole('listitem').map((item) => item.textContent)).toContain('等待: 等待 4 天')
    expect(screen.getAllByText(/校验通过/)).toHaveLength(7)
  })

  it('switches to English', () => {
    render(<TemplateGallery initialLocale="zh-CN" />)
    fireEvent.click(screen.getByRole('button', { name: 'English' }))
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Start from a template')
    expect(
      within(screen.getByRole('list', { name: 'A/B offer test' }))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toContain('A/B split: 满100减20 45% / 满150减40 45% / 对照组 Control 10%')
  })
})
