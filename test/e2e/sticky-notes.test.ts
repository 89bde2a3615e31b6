import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { type RunningRecall, signIn } from './support/recall-server'
import { useRecallInChromium } from './support/session'

async function savedNoteTexts(recall: RunningRecall, journeyId: string): Promise<string[]> {
  const response = await recall.app.inject({ method: 'GET', url: `/api/journeys/${journeyId}`, headers: recall.adminHeaders })
  return (response.json().journey.draft.notes ?? []).map((note: { text: string }) => note.text)
}

const focusedLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName)

describe('typing into a sticky note', () => {
  const session = useRecallInChromium({ width: 1440, height: 900 })

  it('keeps the focus and every character of text put in at once, as an input method or a paste does', async () => {
    const { recall, page } = session()
    await signIn(page, recall.url)
    await page.goto(`${recall.url}/#/journeys`)
    await page.getByRole('button', { name: '+ New blank journey' }).click()
    await page.waitForURL(`${recall.url}/#/journeys/journey`)
    await page.locator('.react-flow__node').nth(1).waitFor()
    await page.getByRole('button', { name: '🗒 Note' }).click()
    const box = page.getByRole('textbox', { name: 'Sticky note' })
    await box.click()
    // Each call is one input event with several characters, the way an IME commits a phrase.
    for (const piece of ['春节促销安排', 'abc', '：', 'abc', '短信文案周五定稿']) await page.keyboard.insertText(piece)
    expect(await focusedLabel(page)).toBe('Sticky note')
    // A real composition through Chrome's IME path: pinyin shows in the box, then the chosen characters replace it.
    const ime = await page.context().newCDPSession(page)
    for (const pinyin of ['h', 'ha', 'hao']) await ime.send('Input.imeSetComposition', { text: pinyin, selectionStart: pinyin.length, selectionEnd: pinyin.length })
    await ime.send('Input.insertText', { text: '好的' })
    // And key by key, Chinese punctuation mixed in.
    await page.keyboard.type('，ok。')
    const expected = '春节促销安排abc：abc短信文案周五定稿好的，ok。'
    expect([await focusedLabel(page), await box.inputValue()]).toEqual(['Sticky note', expected])
    await page.getByText('Saved', { exact: true }).waitFor()
    await expect.poll(() => savedNoteTexts(recall, 'journey')).toEqual([expected])
    expect(await focusedLabel(page)).toBe('Sticky note')
  }, 120_000)
})
