import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import '@xyflow/react/dist/style.css'
import './styles/app.css'
import './styles/editor.css'
import './styles/preview.css'
import './styles/templates.css'

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}
