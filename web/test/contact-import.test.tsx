import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { ContactImport, type ImportJob } from '../src/pages/contacts/ContactImport'

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
const job = (fields: Partial<ImportJob>): ImportJob => ({
  id: 'job-1',
  status: 'running',
  encoding: 'gb18030',
  rowsRead: 0,
  rowsValid: 0,
  percent: 0,
  errorCount: 0,
  errors: [],
  result: null,
  consentRule: '未注明即视为未同意',
  ...fields,
})

describe('contacts import', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('finds an import still running after the page was closed, shows its progress, then its result', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    const answers = [
      job({ rowsRead: 400_000, rowsValid: 399_990, percent: 40 }),
      job({ status: 'done', percent: 100, result: { inserted: 900, updated: 100, consentGiven: 600, consentNotGiven: 400 } }),
    ]
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => (url === '/api/imports' ? json({ imports: [answers[0]] }) : json(answers[1]))),
    )
    const onImported = vi.fn()
    render(<ContactImport onImported={onImported} />)
    const bar = await screen.findByRole('progressbar', { name: '导入进度' })
    expect((bar as HTMLProgressElement).value).toBe(40)
    expect(screen.getByText('正在导入:已读取 400,000 行,有效 399,990 行(40%)')).toBeTruthy()
    expect(await screen.findByText('已导入:新增 900,更新 100(文件编码 gb18030)', {}, { timeout: 3_000 })).toBeTruthy()
    expect(screen.getByText('同意营销 600 个,未同意 400 个。未注明即视为未同意')).toBeTruthy()
    expect(screen.queryByRole('progressbar')).toBeNull()
    expect(onImported).toHaveBeenCalledTimes(1)
  })

  // Found by an outside tester: rows marked suppressed=no for opted-out contacts were only counted as "updated".
  it.each([
    ['en', 'Imported: 0 new, 3 updated (file read as gb18030)', '2 kept opted out: an import cannot lift an opt-out'],
    ['zh-CN', '已导入:新增 0,更新 3(文件编码 gb18030)', '2 个保持退订:导入不能解除退订'],
  ] as const)('says in %s how many rows stay opted out beside "updated"', async (locale, done, kept) => {
    useLocaleStore.setState({ locale })
    const finished = job({ status: 'done', percent: 100, result: { inserted: 0, updated: 3, consentGiven: 3, consentNotGiven: 0, keptOptedOut: 2 } })
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => (url === '/api/imports' ? json({ imports: [job({ percent: 50 })] }) : json(finished))),
    )
    render(<ContactImport onImported={() => {}} />)
    await screen.findByText(done, {}, { timeout: 3_000 })
    const status = screen.getByRole('status')
    expect([...status.querySelectorAll('p')].map((line) => line.textContent)).toEqual([done, expect.any(String), kept])
    cleanup()
  })

  it.each([
    ['en', 'Importing a contact again updates it: a column (or key) the file leaves out keeps the stored value; an empty cell, null or "" clears it.'],
    ['zh-CN', '再次导入已有联系人会更新其资料:文件中没有的列(或键)保留原值;空单元格、null 或 "" 会清空该值。'],
  ] as const)('says in %s what importing a stored contact again keeps and clears', async (locale, hint) => {
    useLocaleStore.setState({ locale })
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json({ imports: [] })),
    )
    render(<ContactImport onImported={() => {}} />)
    expect((await screen.findByText(hint)).textContent).toBe(hint)
  })

  it('uploads the file as it is and lists the rows in error', async () => {
    useLocaleStore.setState({ locale: 'en' })
    const sent: { url: string; type: string | undefined; body: unknown }[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (init?.method !== 'POST') return json({ imports: [] })
        sent.push({ url, type: (init.headers as Record<string, string>)['content-type'], body: init.body })
        return json(job({ status: 'invalid', errorCount: 2, errors: [{ row: 3, field: 'phone', text: '"12345" is not a valid mobile number' }] }), 202)
      }),
    )
    render(<ContactImport onImported={() => {}} />)
    const file = new File(['{"id":"A"}\n'], 'contacts.ndjson')
    fireEvent.change(screen.getByLabelText(/Import a CSV or NDJSON file/), { target: { files: [file] } })
    expect(await screen.findByText('2 problem(s) in the file; nothing was imported')).toBeTruthy()
    expect(screen.getByText('row 3 · phone: "12345" is not a valid mobile number')).toBeTruthy()
    expect(sent).toEqual([{ url: '/api/imports', type: 'application/x-ndjson', body: file }])
  })

  it('shows why a CSV cannot be read in the language the page is in, switching with it', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    const message = { en: 'The contacts file cannot be read: a quote (") opened on line 2 is never closed', zh: '无法读取联系人文件:第 2 行的引号(")没有闭合' }
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) =>
        init?.method === 'POST' ? json(job({ status: 'invalid', errorCount: 1, errors: [{ row: 0, field: '', text: message.en, message }] }), 202) : json({ imports: [] }),
      ),
    )
    render(<ContactImport onImported={() => {}} />)
    fireEvent.change(screen.getByLabelText(/导入 CSV 或 NDJSON 文件/), { target: { files: [new File(['id\n"'], 'contacts.csv')] } })
    const alert = await screen.findByRole('alert')
    const lines = () => [...alert.querySelectorAll('p')].map((line) => line.textContent)
    expect(lines()).toEqual(['文件中有 1 处错误,未导入任何联系人', message.zh])
    act(() => useLocaleStore.setState({ locale: 'en' }))
    expect(lines()).toEqual(['1 problem(s) in the file; nothing was imported', message.en])
  })

  it.each([
    ['en', /Import a CSV or NDJSON file/, 'The file is empty'],
    ['zh-CN', /导入 CSV 或 NDJSON 文件/, '文件为空'],
  ] as const)('shows in %s the words the server refuses an empty file with', async (locale, label, text) => {
    useLocaleStore.setState({ locale })
    const message = { en: 'The file is empty', zh: '文件为空' }
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        if (init?.method !== 'POST') return json({ imports: [] })
        // As the server answers: in the language the page asked in.
        const said = (init.headers as Record<string, string>)['accept-language'] === 'zh-CN' ? message.zh : message.en
        return json({ error: 'import.empty', message: said, problems: [{ code: 'import.empty', severity: 'error', path: '/body', message, text: said }] }, 400)
      }),
    )
    render(<ContactImport onImported={() => {}} />)
    fireEvent.change(screen.getByLabelText(label), { target: { files: [new File([], 'contacts.csv')] } })
    expect((await screen.findByRole('alert')).textContent).toBe(text)
  })

  it('shows an import a restart interrupted, with its reason, when the page opens', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    const reason = '导入在完成前因服务器重启而中断,文件中的内容均未写入。请重新导入该文件。'
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json({ imports: [job({ status: 'interrupted', percent: 100, errorCount: 1, errors: [{ row: 0, field: '', text: reason }] })] })),
    )
    render(<ContactImport onImported={() => {}} />)
    expect(await screen.findByText('上次导入未完成')).toBeTruthy()
    expect(screen.getByText(reason)).toBeTruthy()
    expect(screen.queryByRole('progressbar')).toBeNull()
  })
})
