import { type LocalizedText, localize } from '@recall/shared'
import { useEffect, useRef, useState } from 'react'
import { api, failureText, send } from '../../app/api'
import { useLocale } from '../../app/locale'

const LOCAL = {
  import: {
    en: 'Import a CSV or NDJSON file (id, phone, time_zone, consent, suppressed, any attribute; 编号, 手机号, 姓名, 时区, 是否同意, 是否退订 too)',
    zh: '导入 CSV 或 NDJSON 文件(id、phone、time_zone、consent、suppressed 及任意属性列;也可用 编号、手机号、姓名、时区、是否同意、是否退订)',
  },
  merge: {
    en: 'Importing a contact again updates it: a column (or key) the file leaves out keeps the stored value; an empty cell, null or "" clears it.',
    zh: '再次导入已有联系人会更新其资料:文件中没有的列(或键)保留原值;空单元格、null 或 "" 会清空该值。',
  },
  progress: { en: 'Import progress', zh: '导入进度' },
  running: { en: 'Importing: {read} rows read, {valid} valid ({percent}%)', zh: '正在导入:已读取 {read} 行,有效 {valid} 行({percent}%)' },
  done: { en: 'Imported: {inserted} new, {updated} updated (file read as {encoding})', zh: '已导入:新增 {inserted},更新 {updated}(文件编码 {encoding})' },
  consent: { en: '{given} with consent, {notGiven} without. {rule}', zh: '同意营销 {given} 个,未同意 {notGiven} 个。{rule}' },
  invalid: { en: '{count} problem(s) in the file; nothing was imported', zh: '文件中有 {count} 处错误,未导入任何联系人' },
  keptOptedOut: { en: '{count} kept opted out: an import cannot lift an opt-out', zh: '{count} 个保持退订:导入不能解除退订' },
  interrupted: { en: 'The last import did not finish', zh: '上次导入未完成' },
  row: { en: 'row {row}', zh: '第 {row} 行' },
} satisfies Record<string, LocalizedText>

export interface ImportJob {
  id: string
  status: 'running' | 'done' | 'invalid' | 'failed' | 'interrupted'
  encoding: string | null
  rowsRead: number
  rowsValid: number
  percent: number
  errorCount: number
  /** `text` is in the language the job was asked in; `message` carries both, so switching language changes it too. */
  errors: { row: number; field: string; text: string; message?: LocalizedText }[]
  /** `keptOptedOut`: rows not marked opted out whose contact stays opted out (absent from older servers). */
  result: { inserted: number; updated: number; consentGiven: number; consentNotGiven: number; keptOptedOut?: number } | null
  consentRule: string
}

/** How often a running import is asked for its progress. */
const POLL_MS = 1_000

const fill = (text: string, values: Record<string, string | number>) => Object.entries(values).reduce((line, [key, value]) => line.replace(`{${key}}`, String(value)), text)

/**
 * Imports a contacts file as a job on the server and shows its progress. The job runs there, not
 * here: a page opened later (after the browser was closed) finds the running import and follows it.
 */
export function ContactImport({ onImported }: { onImported(): void }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [job, setJob] = useState<ImportJob | undefined>()
  const [error, setError] = useState<string | undefined>()
  // The list's reload changes with every render of the page; the polling must not restart with it.
  const imported = useRef(onImported)
  imported.current = onImported

  useEffect(() => {
    api<{ imports?: ImportJob[] }>('GET', '/imports')
      .then((answer) => {
        const latest = answer.imports?.[0]
        // A job a restart interrupted is shown too: whoever started it may have closed the page.
        if (latest?.status === 'running' || latest?.status === 'interrupted') setJob(latest)
      })
      .catch(() => undefined)
  }, [])

  const running = job?.status === 'running' ? job.id : undefined
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => {
      api<ImportJob>('GET', `/imports/${running}`)
        .then((next) => {
          setJob(next)
          if (next.status === 'done') imported.current()
        })
        .catch((cause) => setError(failureText(cause)))
    }, POLL_MS)
    return () => clearInterval(timer)
  }, [running])

  async function upload(file: File) {
    setError(undefined)
    setJob(undefined)
    const ndjson = /\.(ndjson|jsonl)$/i.test(file.name)
    try {
      setJob(await send<ImportJob>('POST', '/imports', { raw: file, contentType: ndjson ? 'application/x-ndjson' : 'text/csv' }))
    } catch (cause) {
      setError(failureText(cause))
    }
  }

  return (
    <>
      <label className="field">
        <span className="field__label">{t(LOCAL.import)}</span>
        <input type="file" accept=".csv,.ndjson,.jsonl,text/csv,application/x-ndjson" onChange={(event) => event.target.files?.[0] && void upload(event.target.files[0])} />
      </label>
      <p className="hint">{t(LOCAL.merge)}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {job?.status === 'running' && (
        <div role="status">
          <progress value={job.percent} max={100} aria-label={t(LOCAL.progress)} />
          <p>{fill(t(LOCAL.running), { read: job.rowsRead.toLocaleString(locale), valid: job.rowsValid.toLocaleString(locale), percent: job.percent })}</p>
        </div>
      )}
      {job?.status === 'done' && job.result && (
        <div className="notice" role="status">
          <p>{fill(t(LOCAL.done), { inserted: job.result.inserted, updated: job.result.updated, encoding: job.encoding ?? 'utf-8' })}</p>
          <p>{fill(t(LOCAL.consent), { given: job.result.consentGiven, notGiven: job.result.consentNotGiven, rule: job.consentRule })}</p>
          {(job.result.keptOptedOut ?? 0) > 0 && <p>{fill(t(LOCAL.keptOptedOut), { count: job.result.keptOptedOut ?? 0 })}</p>}
        </div>
      )}
      {(job?.status === 'invalid' || job?.status === 'failed' || job?.status === 'interrupted') && (
        <div className="error" role="alert">
          <p>{job.status === 'interrupted' ? t(LOCAL.interrupted) : fill(t(LOCAL.invalid), { count: job.errorCount })}</p>
          {job.errors.map((problem) => (
            <p key={`${problem.row}-${problem.field}`}>
              {/* Row 0 is the file or the job as a whole: its reason stands alone. */}
              {problem.row > 0 && `${fill(t(LOCAL.row), { row: problem.row })}${problem.field ? ` · ${problem.field}` : ''}: `}
              {problem.message ? t(problem.message) : problem.text}
            </p>
          ))}
        </div>
      )}
    </>
  )
}
