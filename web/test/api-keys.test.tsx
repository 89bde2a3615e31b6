import { render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { ApiKeysSection } from '../src/pages/settings/ApiKeysSection'

const KEY = { prefix: 'rk_abcdefg', createdAt: '2026-12-01T00:00:00Z', lastUsedAt: null, revokedAt: null, needsReissue: false }
const KEYS = [
  { ...KEY, id: 'k1', name: 'CRM sync', scopes: ['contacts:write'], effectiveScopes: ['contacts:write'] },
  { ...KEY, id: 'k2', name: 'Ops', scopes: ['admin'], effectiveScopes: ['journeys:read', 'contacts:read'] },
  { ...KEY, id: 'k3', name: 'Old', scopes: ['events:write'], effectiveScopes: [], revokedAt: '2026-12-02T00:00:00Z' },
  // Made with a key before keys recorded their maker: refused, so it says so instead of "limited".
  { ...KEY, id: 'k4', name: 'Orphan', scopes: ['admin'], effectiveScopes: [], needsReissue: true },
]

const REISSUE = {
  en: '(refused: made before keys recorded who made them, so nobody answers for it. Create a new key for this system, then revoke this one.)',
  'zh-CN': '(已停用:创建于系统记录密钥创建者之前,无人对其负责。请为该系统创建新密钥,再吊销此密钥。)',
}

const PEOPLE = {
  en: 'Whatever shows people (who waits at a node, messages, replies, previews, test sends and simulations with real contacts) or counts them by a condition (segment counts, estimates) also needs contacts:read. Without it a key is answered alike for contacts that exist and those that do not.',
  'zh-CN':
    '凡是显示联系人信息的内容(节点上等待的联系人、消息、回复,以及用真实联系人预览、测试发送和模拟)或按条件统计联系人(分群人数、预估)还需要 contacts:read 权限。没有该权限的密钥,对存在与不存在的联系人得到相同的答复。',
}

describe('API keys in settings', () => {
  afterEach(() => vi.unstubAllGlobals())

  it.each([
    ['en', "(limited by its creator's role to: journeys:read, contacts:read)"],
    ['zh-CN', '(受创建者角色限制,实际仅有: journeys:read, contacts:read)'],
  ] as const)('says in %s when a key can do less than its scopes because of its creator’s role, or must be issued again', async (locale, limited) => {
    useLocaleStore.setState({ locale })
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ apiKeys: KEYS }), { status: 200, headers: { 'content-type': 'application/json' } })),
    )
    render(<ApiKeysSection />)
    await screen.findByText('CRM sync', { exact: false })
    const rows = screen
      .getAllByRole('row')
      .slice(1)
      .map((row) => row.querySelectorAll('td')[1]?.textContent)
    expect(rows).toEqual(['contacts:write', `admin ${limited}`, 'events:write', `admin ${REISSUE[locale]}`])
    // Scopes are chosen knowing that people's data takes contacts:read on top of any other.
    expect(screen.getByText(PEOPLE[locale]).closest('fieldset')?.querySelector('legend')?.textContent).toBe(locale === 'en' ? 'Scopes' : '权限范围')
  })
})
