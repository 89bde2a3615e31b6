import { jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

/** Each cloud account's SMS templates: what the cloud approved, with its variables in order. */
export const providerTemplates = pgTable(
  'provider_templates',
  {
    /** aliyun or tencent: one account per cloud. */
    provider: text('provider').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    text: text('text').notNull(),
    variables: jsonb('variables').$type<string[]>().notNull(),
    category: text('category').$type<'marketing' | 'notification'>().notNull(),
    status: text('status').$type<'approved' | 'pending' | 'rejected'>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.provider, table.code] })],
)
