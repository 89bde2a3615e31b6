import type { LocalizedText } from '@recall/shared'
import { useState } from 'react'
import { useLocale, useT } from '../../app/locale'

/** Characters shown of a longer reply until it is unfolded: two SMS parts. */
export const FOLDED_LENGTH = 320

const LOCAL = {
  more: { en: 'Show all ({count} characters)', zh: '显示全部({count} 个字符)' },
  less: { en: 'Show less', zh: '收起' },
  cut: { en: '{count} more characters were not kept', zh: '另有 {count} 个字符未保存' },
} satisfies Record<string, LocalizedText>

/** Invisible marks that reorder or redirect text (LRM/RLM, embeddings, overrides, isolates). */
const DIRECTION_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu

/**
 * Shown as a visible ⟨U+202E⟩: left invisible, an override made "\u202E退订" read 订退 beside an
 * "Opted out" and hid a STOP inside a sentence, so a reviewer read other words than the phone sent.
 */
export function visibleControls(text: string): string {
  return text.replace(DIRECTION_CONTROLS, (mark) => `⟨U+${mark.codePointAt(0)?.toString(16).toUpperCase()}⟩`)
}

/**
 * A reply's text as received, its direction marks shown (`visibleControls`), isolated (`<bdi>`) so a
 * right-to-left text never turns the row around it. A long one is folded to its start, and one cut
 * when stored says how much.
 */
export function ReplyText({ text, textCut = 0 }: { text: string; textCut?: number }) {
  const t = useT()
  const locale = useLocale()
  const [open, setOpen] = useState(false)
  const characters = Array.from(visibleControls(text))
  const folded = characters.length > FOLDED_LENGTH && !open
  const count = (value: number) => value.toLocaleString(locale)
  return (
    <>
      <bdi>{folded ? `${characters.slice(0, FOLDED_LENGTH).join('')}…` : characters.join('')}</bdi>
      {textCut > 0 && <small> ({t(LOCAL.cut).replace('{count}', count(textCut))})</small>}
      {characters.length > FOLDED_LENGTH && (
        <>
          {' '}
          <button type="button" className="link" onClick={() => setOpen(!open)}>
            {open ? t(LOCAL.less) : t(LOCAL.more).replace('{count}', count(characters.length))}
          </button>
        </>
      )}
    </>
  )
}
