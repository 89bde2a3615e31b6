import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * Wrong passwords and sign-ins per account (its email, lowercased) and address (an IPv6 /64 as one;
 * '*' for the account from every address together), kept in the database so that every API process on
 * it counts the same tries. Times are the wall clock's; rows that no longer count are swept.
 */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    account: text('account').notNull(),
    address: text('address').notNull(),
    /** Wrong passwords since `failingSince`; the count starts again once its window has passed. */
    failures: integer('failures').notNull().default(0),
    failingSince: timestamp('failing_since', { withTimezone: true }),
    /** The last sign-in from this address: the account's owner keeps getting in from here while guessers are held. */
    signedInAt: timestamp('signed_in_at', { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.account, table.address] }), index('sign_in_attempts_failing_since_idx').on(table.failingSince)],
)
