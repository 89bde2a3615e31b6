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

/**
 * A reply's text, isolated (`<bdi>`): a right-to-left override in it (U+202E) turns its own text only,
 * never the row around it. A long one is folded to its start, and one cut when stored says how much.
 */
export function ReplyText({ text, textCut = 0 }: { text: string; textCut?: number }) {
  const t = useT()
  const locale = useLocale()
  const [open, setOpen] = useState(false)
  const characters = Array.from(text)
  const folded = characters.length > FOLDED_LENGTH && !open
  const count = (value: number) => value.toLocaleString(locale)
  return (
    <>
      <bdi>{folded ? `${characters.slice(0, FOLDED_LENGTH).join('')}…` : text}</bdi>
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
