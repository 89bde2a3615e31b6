import type { ApprovalRequestView, PublishEvent } from '@recall/shared'
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { ReactFlowProvider } from '@xyflow/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { useSession } from '../src/app/session'
import { PublishHistory } from '../src/editor/approvals/PublishHistory'
import { ReviewDialog } from '../src/editor/approvals/ReviewDialog'
import { PublishDialog } from '../src/editor/PublishDialog'
import { Toolbar } from '../src/editor/Toolbar'
import { UsersSection } from '../src/pages/settings/UsersSection'
import { openInEditor, template } from './helpers'

const live = template('abandoned-cart')
const submitted = structuredClone(live)
;(submitted.nodes.find((node) => node.id === 'cart-reminder') as { data: { text: string } }).data.text = '购物车还在等你'

const APPROVAL: ApprovalRequestView = {
  id: 'a-1',
  journeyId: 'abandoned-cart',
  status: 'pending',
  draftRevision: 4,
  documentHash: 'f'.repeat(64),
  baseVersion: 1,
  note: 'Warmer reminder',
  migrate: false,
  submittedBy: 'Eve',
  submittedAt: '2026-12-01T03:00:00.000Z',
  forecast: { next24hMessages: 1234, cost: 61.7, days: 14, over: ['messages'] },
  reviewedBy: null,
  reviewComment: null,
  reviewedAt: null,
  publishedVersion: null,
  canReview: true,
}

type Route = (method: string, url: string, body: unknown) => { status?: number; body: unknown } | undefined

/** Answers by route; records every call. */
function stubServer(route: Route) {
  const calls: { method: string; url: string; body: unknown }[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const body = init.body ? JSON.parse(String(init.body)) : undefined
      calls.push({ method: String(init.method ?? 'GET'), url, body })
      const answer = route(String(init.method ?? 'GET'), url, body) ?? { body: {} }
      return new Response(JSON.stringify(answer.body), { status: answer.status ?? 200, headers: { 'content-type': 'application/json' } })
    }),
  )
  return calls
}

const reviewRoutes: Route = (method, url) => {
  if (url.endsWith('/approvals/a-1')) return { body: { approval: APPROVAL, document: submitted } }
  if (url.endsWith('/versions/1')) return { body: { document: live } }
  if (url.endsWith('/counts')) return { body: { counts: {} } }
  if (method === 'POST' && url.endsWith('/approve')) return { body: { version: 2, contactsAtRemovedNodes: 0, migrated: 0, problems: [] } }
  return undefined
}

describe('approvals', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows the reviewer the submitted changes, the forecast over the limit and that the draft moved on; approving posts the comment', async () => {
    useLocaleStore.setState({ locale: 'en' })
    const calls = stubServer(reviewRoutes)
    const onReviewed = vi.fn()
    render(<ReviewDialog journeyId="abandoned-cart" approvalId="a-1" draftRevision={6} onClose={() => {}} onReviewed={onReviewed} />)
    const changed = (await screen.findByText('Message text changed')).closest('li') as HTMLElement
    expect(changed.querySelector('ins')?.textContent).toBe('购物车还在等你')
    expect(screen.getByText('Warmer reminder')).toBeTruthy()
    expect(screen.getByText('The draft was edited after this submission (revision 4 → 6). Approving publishes what was submitted (revision 4), not the later edits.')).toBeTruthy()
    const forecast = screen.getByRole('region', { name: 'Forecast at submission' })
    expect(forecast.textContent).toBe('Forecast at submissionMessages in the next 24 hours1,234 · over the workspace limitCost over 14 days¥61.70')
    expect(screen.getByRole('button', { name: 'Reject' })).toHaveProperty('disabled', true)
    fireEvent.change(screen.getByLabelText('Comment (required to reject)'), { target: { value: 'Fine for the holidays' } })
    fireEvent.click(screen.getByRole('button', { name: 'Approve and publish' }))
    await waitFor(() => expect(onReviewed).toHaveBeenCalledWith({ approved: { version: 2, contactsAtRemovedNodes: 0, migrated: 0, problems: [] } }))
    expect(calls.at(-1)).toMatchObject({ method: 'POST', url: '/api/journeys/abandoned-cart/approvals/a-1/approve', body: { comment: 'Fine for the holidays' } })
  })

  it('rejects with the comment, in Chinese', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    const calls = stubServer((method, url) =>
      method === 'POST' && url.endsWith('/reject') ? { body: { approval: { ...APPROVAL, status: 'rejected', reviewComment: '语气太急' } } } : reviewRoutes(method, url, undefined),
    )
    const onReviewed = vi.fn()
    render(<ReviewDialog journeyId="abandoned-cart" approvalId="a-1" draftRevision={4} onClose={() => {}} onReviewed={onReviewed} />)
    fireEvent.change(await screen.findByLabelText('评论(驳回时必填)'), { target: { value: '语气太急' } })
    fireEvent.click(screen.getByRole('button', { name: '驳回' }))
    await waitFor(() => expect(onReviewed).toHaveBeenCalled())
    expect(calls.at(-1)).toMatchObject({ url: '/api/journeys/abandoned-cart/approvals/a-1/reject', body: { comment: '语气太急' } })
    expect(screen.queryByText(/提交后草稿又被修改/)).toBeNull()
  })

  it('lists the publishing history with who, what, version, comment and forecast, and offers a pending submission for review', async () => {
    useLocaleStore.setState({ locale: 'en' })
    const events: PublishEvent[] = [
      {
        id: 3,
        kind: 'rejected',
        version: null,
        draftRevision: 4,
        documentHash: 'f'.repeat(64),
        actor: 'Ada',
        text: 'Too pushy',
        approvalId: 'a-0',
        forecast: APPROVAL.forecast,
        at: '2026-12-01T04:00:00.000Z',
      },
      {
        id: 1,
        kind: 'published',
        version: 1,
        draftRevision: 2,
        documentHash: 'e'.repeat(64),
        actor: 'Ada',
        text: 'first',
        approvalId: null,
        forecast: null,
        at: '2026-11-01T04:00:00.000Z',
      },
    ]
    stubServer((_method, url) => (url.endsWith('/history') ? { body: { events } } : url.endsWith('/approvals') ? { body: { approvals: [APPROVAL] } } : undefined))
    render(<PublishHistory journeyId="abandoned-cart" draftRevision={4} refreshKey={0} onApproved={() => {}} />)
    const rejected = (await screen.findByText('Too pushy')).closest('li') as HTMLElement
    expect(rejected.textContent).toContain('Ada rejected (draft revision 4) · 1,234 / 24h · ¥61.70 / 14d')
    expect(screen.getByText('first').closest('li')?.textContent).toContain('Ada published v1 (draft revision 2)')
    expect(screen.getByText(/^Waiting for review: Eve/)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Review' }))
    expect(await screen.findByRole('dialog', { name: 'Review the submitted version' })).toBeTruthy()
  })

  it('has an editor without "can publish" submit for review with a note', async () => {
    useLocaleStore.setState({ locale: 'en' })
    useSession.setState({ status: 'signed-in', user: { userId: 'e', email: 'eve@shop.example', name: 'Eve', role: 'editor', canPublish: false }, csrfToken: 'c' })
    openInEditor(live)
    const calls = stubServer((method, url) => (method === 'POST' && url.endsWith('/approvals') ? { status: 201, body: { approval: APPROVAL } } : undefined))
    const onSubmitted = vi.fn()
    render(<PublishDialog journeyId="abandoned-cart" onClose={() => {}} onPublished={() => {}} onScheduled={() => {}} onSubmitted={onSubmitted} />)
    fireEvent.change(screen.getByLabelText('Note for the reviewer'), { target: { value: 'Warmer reminder' } })
    fireEvent.click(screen.getByRole('button', { name: 'Submit for review' }))
    await waitFor(() => expect(onSubmitted).toHaveBeenCalledWith(APPROVAL))
    // The dialog asked for the draft's zone warnings when it opened.
    expect(calls.filter((call) => call.method === 'POST')).toEqual([
      { method: 'POST', url: '/api/journeys/abandoned-cart/validate', body: undefined },
      { method: 'POST', url: '/api/journeys/abandoned-cart/approvals', body: { note: 'Warmer reminder', migrate: false } },
    ])
  })

  it('turns a publish the rule refuses into a submission, saying why', async () => {
    useLocaleStore.setState({ locale: 'en' })
    useSession.setState({ status: 'signed-in', user: { userId: 'p', email: 'pat@shop.example', name: 'Pat', role: 'editor', canPublish: true }, csrfToken: 'c' })
    openInEditor(live)
    const why = "The forecast sends 20 messages in the next 24 hours, more than the workspace's limit of 19"
    stubServer((method, url) =>
      method === 'POST' && url.endsWith('/publish')
        ? {
            status: 403,
            body: { error: 'approval_required', message: 'needs approval', problems: [{ code: 'approval.over_messages', path: '/forecast/next24hMessages', text: why }] },
          }
        : undefined,
    )
    render(<PublishDialog journeyId="abandoned-cart" onClose={() => {}} onPublished={() => {}} onScheduled={() => {}} />)
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }))
    expect(await screen.findByText(why)).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Submit for review' })).toBeTruthy()
  })

  it('lets an admin say which editors may publish without review', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    useSession.setState({ status: 'signed-in', user: { userId: 'a', email: 'ada@shop.example', name: 'Ada', role: 'admin', canPublish: true }, csrfToken: 'c' })
    const users = [
      { id: 'a', email: 'ada@shop.example', name: 'Ada', role: 'admin', canPublish: true },
      { id: 'e', email: 'eve@shop.example', name: 'Eve', role: 'editor', canPublish: true },
      { id: 'v', email: 'vic@shop.example', name: 'Vic', role: 'viewer', canPublish: true },
    ]
    const calls = stubServer((method) => (method === 'GET' ? { body: { users } } : { body: { user: { ...users[1], canPublish: false } } }))
    render(<UsersSection />)
    const eve = await screen.findByRole('checkbox', { name: '可直接发布 eve@shop.example' })
    // Roles are named in the page's language, never as the API's identifiers; the last list is the add form's.
    const roles = screen.getAllByRole('combobox', { name: '角色' }) as HTMLSelectElement[]
    expect(roles.map((select) => [select.value, select.selectedOptions[0]?.textContent])).toEqual([
      ['admin', '管理员'],
      ['editor', '编辑者'],
      ['viewer', '查看者'],
      ['editor', '编辑者'],
    ])
    expect([...(roles[0] as HTMLSelectElement).options].map((option) => option.textContent)).toEqual(['查看者', '编辑者', '管理员'])
    expect(
      [screen.getByRole('checkbox', { name: '可直接发布 ada@shop.example' }), screen.getByRole('checkbox', { name: '可直接发布 vic@shop.example' })].map((box) => [
        (box as HTMLInputElement).checked,
        (box as HTMLInputElement).disabled,
      ]),
    ).toEqual([
      [true, true],
      [false, true],
    ])
    fireEvent.click(eve)
    await waitFor(() => expect(calls.some((call) => call.method === 'PUT')).toBe(true))
    expect(calls.find((call) => call.method === 'PUT')).toEqual({ method: 'PUT', url: '/api/users/e/can-publish', body: { canPublish: false } })
  })

  it('labels the toolbar button "Submit for review" for an editor without "can publish", "Publish" for one with it', () => {
    openInEditor(template('abandoned-cart'))
    const toolbarButton = (canPublish: boolean, locale: 'en' | 'zh-CN') => {
      useLocaleStore.setState({ locale })
      useSession.setState({ status: 'signed-in', user: { userId: 'e', email: 'eve@shop.example', name: 'Eve', role: 'editor', canPublish }, csrfToken: 'c' })
      render(
        <ReactFlowProvider>
          <Toolbar onPublish={() => {}} onSimulate={() => {}} />
        </ReactFlowProvider>,
      )
      const label = screen.getByRole('toolbar').querySelector('button.primary')?.textContent
      cleanup()
      return label
    }
    expect([toolbarButton(false, 'en'), toolbarButton(false, 'zh-CN'), toolbarButton(true, 'en')]).toEqual(['Submit for review', '提交审核', 'Publish'])
  })

  it('adds an editor without "can publish" from the form; the box is for editors only', async () => {
    useLocaleStore.setState({ locale: 'en' })
    useSession.setState({ status: 'signed-in', user: { userId: 'a', email: 'ada@shop.example', name: 'Ada', role: 'admin', canPublish: true }, csrfToken: 'c' })
    const calls = stubServer((method) => (method === 'GET' ? { body: { users: [] } } : { status: 201, body: { user: {} } }))
    render(<UsersSection />)
    const box = (await screen.findByRole('checkbox', { name: 'Can publish' })) as HTMLInputElement
    expect([box.checked, box.disabled]).toEqual([true, false])
    fireEvent.change(screen.getByPlaceholderText('Email'), { target: { value: 'eve@shop.example' } })
    fireEvent.change(screen.getByPlaceholderText('Name'), { target: { value: 'Eve' } })
    fireEvent.change(screen.getByPlaceholderText('Password (at least 10 characters)'), { target: { value: 'long-enough-1' } })
    fireEvent.click(box)
    fireEvent.click(screen.getByRole('button', { name: 'Add user' }))
    await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true))
    expect(calls.find((call) => call.method === 'POST')).toEqual({
      method: 'POST',
      url: '/api/users',
      body: { email: 'eve@shop.example', name: 'Eve', role: 'editor', password: 'long-enough-1', canPublish: false },
    })
    const role = screen.getByRole('combobox', { name: 'Role' }) as HTMLSelectElement
    expect([...role.options].map((option) => option.textContent)).toEqual(['Viewer', 'Editor', 'Admin'])
    fireEvent.change(role, { target: { value: 'viewer' } })
    expect([box.checked, box.disabled]).toEqual([false, true])
  })
})
