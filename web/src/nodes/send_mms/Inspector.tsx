import { type LocalizedText, localize, mmsTotalBytes, type NodeData } from '@recall/shared'
import { useState } from 'react'
import { failureText } from '../../app/api'
import { useLocale } from '../../app/locale'
import { Field, NumberInput, TextInput } from '../../inspector/fields'
import { CategoryField, LinkField, useJourneyBrand, withOptional } from '../../inspector/message-fields'
import { OfferPicker } from '../../inspector/OfferPicker'
import { SendWindowEditor } from '../../inspector/SendWindowEditor'
import { SmsEditor } from '../../inspector/SmsEditor'
import { useNodeData } from '../../inspector/useNodeData'
import { uploadMedia } from './upload'

type Slide = NodeData<'send_mms'>['slides'][number]

const TEXT = {
  title: { en: 'Title', zh: '彩信标题' },
  slide: { en: 'Slide', zh: '第' },
  slideSuffix: { en: '', zh: '页' },
  media: { en: 'Image or video', zh: '图片或视频' },
  removeMedia: { en: 'Remove media', zh: '移除媒体' },
  text: { en: 'Text', zh: '文字' },
  addSlide: { en: 'Add a slide', zh: '添加一页' },
  total: { en: 'Total size', zh: '总大小' },
  limit: { en: 'Limit (KB)', zh: '上限(KB)' },
  fallback: { en: 'Fallback SMS for phones without MMS', zh: '不支持彩信时发送的短信' },
} satisfies Record<string, LocalizedText>

export function SendMmsInspector({ nodeId }: { nodeId: string }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const { node, update } = useNodeData<'send_mms'>(nodeId)
  const brand = useJourneyBrand()
  const [uploadError, setUploadError] = useState<string | undefined>()
  const { data } = node
  const total = mmsTotalBytes(data.slides)
  const replaceSlide = (index: number, slide: Slide | undefined) =>
    update({ ...data, slides: data.slides.flatMap((existing, at) => (at !== index ? [existing] : slide ? [slide] : [])) }, `slide${index}`)
  return (
    <>
      <Field label={TEXT.title}>
        <TextInput value={data.title} maxLength={40} onChange={(title) => update({ ...data, title }, 'title')} />
      </Field>
      {data.slides.map((slide, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: slides have no ids; each is edited in place at its position
        <fieldset className="slide" key={`${index}-${slide.media?.url ?? 'text'}`}>
          <legend>
            {t(TEXT.slide)} {index + 1} {t(TEXT.slideSuffix)}
            <button type="button" disabled={data.slides.length <= 1} onClick={() => replaceSlide(index, undefined)}>
              ✕
            </button>
          </legend>
          {slide.media ? (
            <div className="slide__media">
              {slide.media.kind === 'image' ? (
                <img src={slide.media.url} alt="" />
              ) : (
                <video src={slide.media.url} controls>
                  <track kind="captions" />
                </video>
              )}
              <small>{Math.ceil(slide.media.sizeBytes / 1024)} KB</small>
              <button type="button" onClick={() => replaceSlide(index, { text: slide.text })}>
                {t(TEXT.removeMedia)}
              </button>
            </div>
          ) : (
            <Field label={TEXT.media}>
              <input
                type="file"
                accept="image/jpeg,image/png,image/gif,video/mp4,video/3gpp"
                onChange={(event) => {
                  const file = event.target.files?.[0]
                  if (!file) return
                  setUploadError(undefined)
                  uploadMedia(file)
                    .then((uploaded) => replaceSlide(index, { ...slide, media: uploaded }))
                    .catch((cause) => setUploadError(failureText(cause)))
                }}
              />
            </Field>
          )}
          <Field label={TEXT.text}>
            <textarea value={slide.text} maxLength={1000} rows={2} onChange={(event) => replaceSlide(index, { ...slide, text: event.target.value })} />
          </Field>
        </fieldset>
      ))}
      {uploadError && (
        <p className="error" role="alert">
          {uploadError}
        </p>
      )}
      <button type="button" disabled={data.slides.length >= 20} onClick={() => update({ ...data, slides: [...data.slides, { text: '' }] })}>
        + {t(TEXT.addSlide)}
      </button>
      <div className="size-meter">
        <span>
          {t(TEXT.total)}: {Math.ceil(total / 1024)} / {Math.floor(data.maxTotalBytes / 1024)} KB
        </span>
        <meter min={0} max={data.maxTotalBytes} high={data.maxTotalBytes * 0.9} value={total} />
      </div>
      <Field label={TEXT.limit}>
        <NumberInput value={Math.floor(data.maxTotalBytes / 1024)} min={1} max={5120} onChange={(kb) => update({ ...data, maxTotalBytes: Math.max(1, kb) * 1024 })} />
      </Field>
      <SmsEditor
        label={TEXT.fallback}
        text={data.fallbackText}
        category={data.category}
        brand={brand}
        onChange={(fallbackText) => update({ ...data, fallbackText }, 'fallbackText')}
      />
      <CategoryField value={data.category} onChange={(category) => update({ ...data, category })} />
      <LinkField value={data.linkUrl} onChange={(linkUrl) => update(withOptional(data, 'linkUrl', linkUrl), 'linkUrl')} />
      <OfferPicker value={data.offer} onChange={(offer) => update(withOptional(data, 'offer', offer), 'offer')} />
      <SendWindowEditor value={data.sendWindow} onChange={(sendWindow) => update(withOptional(data, 'sendWindow', sendWindow))} />
    </>
  )
}
