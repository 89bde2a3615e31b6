import { describe, expect, it } from 'vitest'
import { localeFromAcceptLanguage } from '../src/i18n'

// Found by an outside tester: any "zh" in the header chose Chinese, even after English or with q=0.
describe('the locale an Accept-Language value asks for', () => {
  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en-US,zh;q=0.9', 'en'],
    ['en-GB,en;q=0.9,zh-CN;q=0.1', 'en'],
    ['zh;q=0', 'en'],
    ['en;q=0.5, zh-TW;q=0.8', 'zh-CN'],
    ['fr-FR, zh', 'zh-CN'],
    ['en-US,zh-CN', 'en'],
    ['zh-CN,en-US', 'zh-CN'],
    ['fr', 'en'],
    ['', 'en'],
    [undefined, 'en'],
    ['ZH-cn ; Q=0.7 , en ; q=0.6', 'zh-CN'],
    ['en;q=abc, zh;q=0.2', 'zh-CN'],
  ] as const)('%s → %s', (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale)
  })
})
