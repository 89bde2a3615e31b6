import { asc } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../src/db/database'
import { contacts } from '../src/db/schema/index'
import { DATABASE_KINDS } from './support/databases'
import { oldDatabase } from './support/old-database'

/** The last migration before a STOP wrote the person's own opt-out on the contact holding the number. */
const BEFORE = '0031_enrollment_state_json'

const STOP_AT = '2026-11-20 10:00:00+08'
const BEFORE_STOP = '2026-11-18 09:00:00+08'
const AFTER_STOP = '2026-11-21 09:00:00+08'

/** A message queued to a contact at a number at a time, as the old release wrote them. */
const message = (key: string, contactId: string, phone: string | null, at: string, test = false) =>
  `('${key}', 'e-${key}', 'j', '${contactId}', 'sms', 'sms', 'recall', ${phone === null ? 'null' : `'${phone}'`}, '好久不见', 1, '${at}', ${test})`

/**
 * Contacts holding numbers a reply opted out, as the old release left them (the suppression on the
 * number, nothing on the contact), each with or without what shows they held the number when it came.
 */
const OLD_ROWS = `
  insert into contacts (id, external_id, phone) values
    ('c-own', 'OWN', '+8613955500001'),
    ('c-own-too', 'OWN-TOO', '+8613955500001'),
    ('c-complained', 'COMPLAINED', '+8613955500002'),
    ('c-imported', 'IMPORTED', '+8613955500003'),
    ('c-colleague', 'COLLEAGUE', '+8613955500004'),
    ('c-came-after', 'CAME-AFTER', '+8613955500005'),
    ('c-changed', 'CHANGED', '+8613955500006'),
    ('c-no-reply', 'NO-REPLY', '+8613955500007'),
    ('c-test-only', 'TEST-ONLY', '+8613955500008'),
    ('c-no-phone-on-message', 'NO-PHONE-ON-MESSAGE', '+8613955500009'),
    ('c-other-number', 'OTHER-NUMBER', '+8613955500010');
  insert into contacts (id, external_id, phone, opted_out_at, opt_out_source, opted_out_by) values
    ('c-has-own', 'HAS-OWN', '+8613955500011', '2026-11-01 08:00:00+08', 'admin', 'Ada');
  insert into suppressions (phone, reason, source, opted_out_at, opted_out_by) values
    ('+8613955500001', 'replied "TD"', 'reply', '${STOP_AT}', null),
    ('+8613955500002', 'replied "骚扰"', 'complaint', '${STOP_AT}', null),
    ('+8613955500003', 'imported as suppressed', 'import', '${STOP_AT}', null),
    ('+8613955500004', 'replied "不需要"; opted out by Bo', 'admin', '${STOP_AT}', 'Bo'),
    ('+8613955500005', 'replied "T"', 'reply', '${STOP_AT}', null),
    ('+8613955500006', 'replied "T"', 'reply', '${STOP_AT}', null),
    ('+8613955500007', 'replied "T"', 'reply', '${STOP_AT}', null),
    ('+8613955500008', 'replied "T"', 'reply', '${STOP_AT}', null),
    ('+8613955500009', 'replied "T"', 'reply', '${STOP_AT}', null),
    ('+8613955500010', 'replied "T"', 'reply', '${STOP_AT}', null),
    ('+8613955500011', 'replied "T"', 'reply', '${STOP_AT}', null);
  insert into inbound_messages (provider, phone, text, keyword, received_at) values
    ('sandbox', '+8613955500001', 'TD', 'stop', '${STOP_AT}'),
    ('sandbox', '+8613955500002', '骚扰', 'stop', '${STOP_AT}'),
    ('sandbox', '+8613955500004', '不需要', 'stop', '${STOP_AT}'),
    ('sandbox', '+8613955500005', 'T', 'stop', '${STOP_AT}'),
    ('sandbox', '+8613955500006', 'T', 'stop', '${STOP_AT}'),
    ('sandbox', '+8613955500007', 'T', 'stop', '${BEFORE_STOP}'),
    ('sandbox', '+8613955500008', 'T', 'stop', '${STOP_AT}'),
    ('sandbox', '+8613955500009', 'T', 'stop', '${STOP_AT}'),
    ('sandbox', '+8613955500010', 'T', 'stop', '${STOP_AT}'),
    ('sandbox', '+8613955500011', 'T', 'stop', '${STOP_AT}');
  insert into messages (idempotency_key, enrollment_id, journey_id, contact_id, node_id, channel, category, phone, text, parts, created_at, test) values
    ${[
      message('own', 'c-own', '+8613955500001', BEFORE_STOP),
      message('own-too', 'c-own-too', '+8613955500001', STOP_AT),
      message('complained', 'c-complained', '+8613955500002', BEFORE_STOP),
      message('imported', 'c-imported', '+8613955500003', BEFORE_STOP),
      message('colleague', 'c-colleague', '+8613955500004', BEFORE_STOP),
      message('came-after', 'c-came-after', '+8613955500005', AFTER_STOP),
      message('changed', 'c-changed', '+8613955500006', BEFORE_STOP),
      message('no-reply', 'c-no-reply', '+8613955500007', BEFORE_STOP),
      message('test-only', 'c-test-only', '+8613955500008', BEFORE_STOP, true),
      message('no-phone', 'c-no-phone-on-message', null, BEFORE_STOP),
      message('other-number', 'c-other-number', '+8613955500099', BEFORE_STOP),
      message('has-own', 'c-has-own', '+8613955500011', BEFORE_STOP),
    ].join(',\n    ')};
  -- CHANGED held another number after the message and came back to this one before the reply.
  insert into contact_phone_history (contact_id, phone, left_at) values
    ('c-changed', '+8613955500098', '2026-11-19 09:00:00+08'),
    ('c-other-number', '+8613955500099', '2026-11-19 09:00:00+08');`

describe.each(DATABASE_KINDS)("writing a reply's opt-out on the contact that held the number, for the past, on %s", (kind) => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup()
  })

  it('writes it only where the stored reply came while a message shows the contact held the number, and keeps every other row', async () => {
    const handle = await openDatabase(await oldDatabase(kind, BEFORE, OLD_ROWS, cleanups))
    cleanups.unshift(() => handle.close())
    const rows = await handle.db
      .select({ externalId: contacts.externalId, optedOutAt: contacts.optedOutAt, optOutSource: contacts.optOutSource, optedOutBy: contacts.optedOutBy })
      .from(contacts)
      .orderBy(asc(contacts.externalId))
    const stop = new Date('2026-11-20T10:00:00+08:00')
    const none = { optedOutAt: null, optOutSource: null, optedOutBy: null }
    expect(rows).toEqual([
      { externalId: 'CAME-AFTER', ...none },
      { externalId: 'CHANGED', ...none },
      { externalId: 'COLLEAGUE', ...none },
      { externalId: 'COMPLAINED', optedOutAt: stop, optOutSource: 'complaint', optedOutBy: null },
      { externalId: 'HAS-OWN', optedOutAt: new Date('2026-11-01T08:00:00+08:00'), optOutSource: 'admin', optedOutBy: 'Ada' },
      { externalId: 'IMPORTED', ...none },
      { externalId: 'NO-PHONE-ON-MESSAGE', ...none },
      { externalId: 'NO-REPLY', ...none },
      { externalId: 'OTHER-NUMBER', ...none },
      { externalId: 'OWN', optedOutAt: stop, optOutSource: 'reply', optedOutBy: null },
      { externalId: 'OWN-TOO', optedOutAt: stop, optOutSource: 'reply', optedOutBy: null },
      { externalId: 'TEST-ONLY', ...none },
    ])
  })
})
