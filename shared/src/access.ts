/** What an API key may be given, and what each API route asks for. `admin` includes everything. */
export const SCOPES = [
  'journeys:read',
  'journeys:write',
  'contacts:read',
  'contacts:write',
  'events:write',
  'messages:read',
  'segments:read',
  'segments:write',
  'settings:read',
  'settings:write',
  'admin',
] as const
export type Scope = (typeof SCOPES)[number]

/** What a password must be, wherever one is set (a new user, a change, an admin's reset): checked by the server, mirrored by the forms. */
export const PASSWORD_RULES = { minLength: 10, maxLength: 200 } as const

export const ROLES = ['viewer', 'editor', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** How a role is named to people; the API and the database keep the identifiers. */
export const ROLE_LABELS: Record<Role, { en: string; zh: string }> = {
  viewer: { en: 'Viewer', zh: '查看者' },
  editor: { en: 'Editor', zh: '编辑者' },
  admin: { en: 'Admin', zh: '管理员' },
}
