import { type LocalizedText, localize, type MessagePreview, nodeKindOf } from '@recall/shared'
import { useLocale } from '../app/locale'
import { PREVIEW_TEXT } from './texts'

/** One message as the contact gets it: the phone bubble, what it costs, and the coupon, link and template behind it. */
/** `onSendTest`: none for a viewer, who may not send tests. */
export function MessagePreviewCard({
  message,
  selected,
  onSelect,
  onSendTest,
}: {
  message: MessagePreview
  selected: boolean
  onSelect(): void
  onSendTest: (() => void) | undefined
}) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const { parts } = message.parts
  return (
    <article className={selected ? 'preview-card preview-card--selected' : 'preview-card'} data-testid={`preview-${message.nodeId}`}>
      <header className="preview-card__header">
        <h3>
          {/* The heading selects the node, so its form opens beside the preview. */}
          <button type="button" className="link-button" onClick={onSelect}>
            {t(nodeKindOf(message.kind).label)} <code>{message.nodeId}</code>
          </button>
        </h3>
        <span className="preview-card__parts">{locale === 'zh-CN' ? `${parts} 条` : `${parts} part${parts === 1 ? '' : 's'}`}</span>
        {onSendTest && (
          <button type="button" onClick={onSendTest}>
            {t(PREVIEW_TEXT.sendTest)}
          </button>
        )}
      </header>
      {message.mms && (
        <section className="preview-card__slides" aria-label={t(PREVIEW_TEXT.slides)}>
          <strong>{message.mms.title}</strong>
          {message.mms.slides.map((slide, index) => (
            // Slides have no id of their own: their order is what identifies them.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <figure key={index} className="preview-card__slide">
              {slide.mediaUrl && <img src={slide.mediaUrl} alt="" />}
              <figcaption>{slide.text}</figcaption>
            </figure>
          ))}
        </section>
      )}
      <div className="phone__screen">
        <div className="phone__bubble" data-testid="preview-text">
          {message.text}
        </div>
      </div>
      <dl className="preview-card__facts">
        {message.coupon && (
          <>
            <dt>{t(PREVIEW_TEXT.coupon)}</dt>
            <dd>
              {message.coupon.label} · <code>{message.coupon.code}</code>
              {message.coupon.poolId && ` (${t(PREVIEW_TEXT.fromPool)} ${message.coupon.poolId})`}
            </dd>
          </>
        )}
        {message.link && (
          <>
            <dt>{t(PREVIEW_TEXT.link)}</dt>
            <dd>
              <code>{message.link.shortUrl}</code> → {message.link.url}
            </dd>
          </>
        )}
        {message.template && (
          <>
            <dt>{t(PREVIEW_TEXT.template)}</dt>
            <dd>
              <code>{message.template.code}</code>{' '}
              {Object.entries(message.template.params)
                .map(([name, value]) => `${name}=${value}`)
                .join(', ')}
            </dd>
          </>
        )}
      </dl>
      {message.missing.length > 0 && (
        <p className="warning">
          {t(PREVIEW_TEXT.missing)}: {message.missing.join(', ')}
        </p>
      )}
    </article>
  )
}
