import { hasErrors, JOURNEY_TEMPLATES, type JourneyDocument, type Locale, localize, nodeKindOf, validateJourney } from '@recall/shared'
import { useState } from 'react'

const TEXT = {
  title: { en: 'Start from a template', zh: '从模板开始' },
  nodes: { en: 'nodes', zh: '个节点' },
  valid: { en: 'passes validation', zh: '校验通过' },
  invalid: { en: 'has problems', zh: '存在问题' },
  language: { en: '中文', zh: 'English' },
}

/** The English or Chinese half of a bilingual template name such as "Birthday · 生日关怀". */
function nameIn(document: JourneyDocument, locale: Locale): string {
  const [english, chinese] = document.name.split(' · ')
  return (locale === 'zh-CN' ? chinese : english) ?? document.name
}

function TemplateCard({ document, locale }: { document: JourneyDocument; locale: Locale }) {
  const ok = !hasErrors(validateJourney(document).problems)
  return (
    <li className="template-card">
      <h2>{nameIn(document, locale)}</h2>
      <p>{document.description}</p>
      <p className="status">
        {document.nodes.length} {localize(TEXT.nodes, locale)} · {localize(ok ? TEXT.valid : TEXT.invalid, locale)}
      </p>
      <ol aria-label={nameIn(document, locale)}>
        {document.nodes.map((node) => (
          <li key={node.id}>
            {localize(nodeKindOf(node.type).label, locale)}: {nodeKindOf(node.type).summary(node.data, locale)}
          </li>
        ))}
      </ol>
    </li>
  )
}

/** The journeys list's template gallery: every ready journey from the playbook, in either language. */
export function TemplateGallery({ initialLocale }: { initialLocale: Locale }) {
  const [locale, setLocale] = useState<Locale>(initialLocale)
  return (
    <main>
      <header>
        <h1>{localize(TEXT.title, locale)}</h1>
        <button type="button" onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}>
          {localize(TEXT.language, locale)}
        </button>
      </header>
      <ul className="gallery">
        {JOURNEY_TEMPLATES.map((document) => (
          <TemplateCard key={document.id} document={document} locale={locale} />
        ))}
      </ul>
    </main>
  )
}
