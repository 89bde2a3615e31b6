import { describe, expect, it } from 'vitest'
import { readContacts } from '../src/contacts/read-contacts'

describe('readContacts', () => {
  it('refuses a JSON file whose row gives a key twice, naming the row and field, rather than keep the last value', () => {
    const file = '[{"id":"a","phone":"13812340013"},{"id":"b","phone":"13812340014","consent":false,"attributes":{"tier":"gold","tier":"vip"}}]'
    expect(readContacts(file, 'json')).toEqual({
      contacts: [],
      errors: [
        {
          row: 2,
          field: 'attributes/tier',
          code: 'input.duplicate_key',
          message: {
            en: '/2/attributes/tier is given twice in one object, and JSON would keep only the last value; give it once',
            zh: '/2/attributes/tier 在同一对象中出现了两次,JSON 只会保留最后一个值;请只给一次',
          },
        },
      ],
    })
  })

  it('reads a CSV: normalises phones, parses numbers and flags, keeps other columns as attributes and names blank ones', () => {
    const csv = 'id,phone,time_zone,consent,name,points,tier\nc1,138 1234 5678,Asia/Shanghai,yes,张女士,268,gold\nc2,+44 20 7946 0958,Europe/London,0,Ms Smith,12.5,\n'
    expect(readContacts(csv, 'csv')).toEqual({
      contacts: [
        {
          id: 'c1',
          phone: '+8613812345678',
          timeZone: 'Asia/Shanghai',
          attributes: { name: '张女士', points: 268, tier: 'gold' },
          consent: true,
          suppressed: false,
          sends: [],
          events: [],
        },
        {
          id: 'c2',
          phone: '+442079460958',
          timeZone: 'Europe/London',
          attributes: { name: 'Ms Smith', points: 12.5 },
          consent: false,
          suppressed: false,
          sends: [],
          events: [],
          // A blank cell clears what a stored contact has; a column left out would keep it.
          cleared: ['tier'],
        },
      ],
      errors: [],
    })
  })

  it('reports each bad row with its line and field in both languages and leaves it out', () => {
    const csv =
      'id,phone,time_zone,consent\nok,13812345678,,\n,13812345679,,\nbad-phone,12345,,\nbad-zone,13812345670,Mars/Olympus,\nbad-flag,13812345671,,maybe\nok,13812345672,,\n'
    const { contacts, errors } = readContacts(csv, 'csv')
    expect(contacts.map((contact) => contact.id)).toEqual(['ok'])
    expect(errors).toEqual([
      { row: 3, field: 'id', message: { en: 'id is required', zh: 'id 为必填项' } },
      { row: 4, field: 'phone', message: { en: '"12345" is not a valid phone number (default region CN)', zh: '"12345" 不是有效的手机号码(默认地区 CN)' } },
      { row: 5, field: 'time_zone', message: { en: '"Mars/Olympus" is not a known time zone (e.g. Asia/Shanghai)', zh: '"Mars/Olympus" 不是有效的时区(例如 Asia/Shanghai)' } },
      {
        row: 6,
        field: 'consent',
        message: {
          en: 'consent must be yes or no (true/false, yes/no, y/n, 1/0 or 是/否), not "maybe"',
          zh: '同意状态必须为是或否(true/false、yes/no、y/n、1/0 或 是/否),而不是"maybe"',
        },
      },
      { row: 7, field: 'id', code: 'contact.duplicate_id', message: { en: 'id "ok" appears twice', zh: 'id "ok" 重复出现' } },
    ])
  })

  it('treats a missing consent as no, unless a simulation of sample contacts asks otherwise', () => {
    expect(readContacts('id\nx\n', 'csv').contacts[0]?.consent).toBe(false)
    expect(readContacts('id\nx\n', 'csv', { consentByDefault: true }).contacts[0]?.consent).toBe(true)
    expect(readContacts('id,consent\nx,no\n', 'csv', { consentByDefault: true }).contacts[0]?.consent).toBe(false)
  })

  it.each(['id', 'ID', 'Id', ' iD ', '编号', '客户编号', '会员号'])('takes "%s" as the id column', (header) => {
    const read = readContacts(`${header},手机号,姓名\nM-1,13812345678,张女士\n`, 'csv')
    expect(read.errors).toEqual([])
    expect(read.contacts.map((contact) => [contact.id, contact.phone, contact.attributes])).toEqual([['M-1', '+8613812345678', { name: '张女士' }]])
  })

  it('stores a time zone typed in any case by its IANA name', () => {
    const { contacts } = readContacts('id,phone,time_zone\nc1,13812345678,asia/shanghai\nc2,13812345679,EUROPE/LONDON\n', 'csv')
    expect(contacts.map((contact) => contact.timeZone)).toEqual(['Asia/Shanghai', 'Europe/London'])
  })

  it('keeps a column headed like an Object.prototype member as an attribute of that name', () => {
    const { contacts } = readContacts('id,phone,constructor,toString\nc1,13812345678,a,b\n', 'csv')
    expect(contacts[0]?.attributes).toEqual({ constructor: 'a', toString: 'b' })
  })

  it('refuses a CSV without an id column as a whole, naming the headers expected and found', () => {
    expect(readContacts('客户名,手机号,同意营销\n张女士,13812345678,是\n李先生,13812345679,是\n', 'csv')).toEqual({
      contacts: [],
      errors: [
        {
          row: 1,
          field: 'id',
          message: {
            en: 'The header row has no id column: name it id (or ID, 编号, 客户编号, 会员号); found "客户名", "手机号", "同意营销"',
            zh: '表头中没有 id 列:请将该列命名为 id(或 ID、编号、客户编号、会员号);当前表头为 "客户名", "手机号", "同意营销"',
          },
        },
      ],
    })
  })

  it.each([
    [26, 'Z'],
    [27, 'AA'],
    [52, 'AZ'],
    [53, 'BA'],
    [703, 'AAA'],
  ])('names an unnamed column %i with a value under it by its number and its letters, %s', (position, letters) => {
    const names = ['id', ...Array.from({ length: position - 2 }, (_, index) => `a${index + 2}`), '']
    const row = ['W-1', ...Array.from({ length: position - 2 }, () => ''), 'vip']
    expect(readContacts(`${names.join(',')}\n\n${row.join(',')}\n`, 'csv')).toEqual({
      contacts: [],
      errors: [
        {
          row: 1,
          field: '',
          code: 'contact.unnamed_column',
          message: {
            en: `The header row has no name for column ${position} (${letters}), but line 3 has a value in it: name the column, or empty it`,
            zh: `表头中第 ${position} 列(${letters} 列)没有名称,但第 3 行在该列中有值:请为该列命名,或清空该列`,
          },
        },
      ],
    })
  })

  it('reads JSON with nested attributes and rejects what is not an array of objects', () => {
    expect(readContacts('[{"id":"j1","timeZone":"Asia/Shanghai","attributes":{"tier":"gold"}}]', 'json').contacts).toEqual([
      { id: 'j1', timeZone: 'Asia/Shanghai', attributes: { tier: 'gold' }, consent: false, suppressed: false, sends: [], events: [], kept: ['phone', 'consent'] },
    ])
    expect(readContacts('{"id":"j1"}', 'json').errors[0]?.message.en).toBe('The contacts JSON must be an array')
    expect(readContacts('[1]', 'json').errors).toEqual([{ row: 1, field: '', message: { en: 'each contact must be an object', zh: '每个联系人必须是一个对象' } }])
    expect(readContacts('[{', 'json').errors[0]?.message.en).toMatch(/^The contacts file cannot be read: /)
  })
})
