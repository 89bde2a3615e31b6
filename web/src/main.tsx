import { localeFromAcceptLanguage } from '@recall/shared'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { TemplateGallery } from './TemplateGallery'
import './gallery.css'

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <TemplateGallery initialLocale={localeFromAcceptLanguage(navigator.languages.join(','))} />
    </StrictMode>,
  )
}
