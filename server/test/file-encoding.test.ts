import { Readable } from 'node:stream'
import fc from 'fast-check'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { detectEncoding } from '../src/contacts/file-encoding'
import { readContactStream } from '../src/contacts/stream-contacts'

const TEXT = 'id,手机号,姓名,同意营销\nC-1,13812345678,张女士,yes\nC-2,13812345679,李先生,no\n'
const LIMITS = { maxRows: 100, maxBytes: 1024 * 1024 }
/** The bytes arrive in small pieces, as from a socket: characters are split across chunks. */
const streamOf = (bytes: Buffer) => Readable.from(Array.from({ length: Math.ceil(bytes.length / 7) }, (_, index) => bytes.subarray(index * 7, index * 7 + 7)))

describe('contacts file encodings', () => {
  it.each([
    ['utf-8', Buffer.from(TEXT, 'utf8')],
    ['utf-8-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')])],
    ['utf-16le', iconv.encode(TEXT, 'utf-16le', { addBOM: true })],
    ['utf-16le', iconv.encode(TEXT, 'utf-16le')],
    ['utf-16be', iconv.encode(TEXT, 'utf-16be', { addBOM: true })],
    ['gb18030', iconv.encode(TEXT, 'gbk')],
    ['gb18030', iconv.encode(TEXT, 'gb18030')],
  ])('reads %s with Chinese headers for the reserved fields', async (encoding, bytes) => {
    expect(detectEncoding(bytes, true)).toBe(encoding)
    const read = await readContactStream(streamOf(bytes), LIMITS)
    expect(read.encoding).toBe(encoding)
    expect(read.errors).toEqual([])
    expect(read.contacts.map((contact) => [contact.id, contact.phone, contact.attributes, contact.consent])).toEqual([
      ['C-1', '+8613812345678', { name: '张女士' }, true],
      ['C-2', '+8613812345679', { name: '李先生' }, false],
    ])
  })

  it('refuses a row that does not decode, naming the row and the encoding tried', async () => {
    const bytes = Buffer.concat([iconv.encode('id,姓名\nC-1,张女士\n', 'gbk'), Buffer.from([0x43, 0x2d, 0x32, 0x2c, 0xff, 0xff, 0x0a])])
    const read = await readContactStream(streamOf(bytes), LIMITS)
    expect(read.encoding).toBe('gb18030')
    expect(read.errors).toEqual([
      {
        row: 3,
        field: '',
        message: { en: 'The row cannot be decoded as gb18030; save the file as UTF-8 and import it again', zh: '此行无法按 gb18030 编码读取;请将文件另存为 UTF-8 后重新导入' },
      },
    ])
  })

  it('reads a UTF-8 file with one cut-off character as UTF-8, refusing only that row', async () => {
    const rows = Array.from({ length: 8 }, (_, index) => `C-${index + 1},1381234567${index},张女士${index},yes`)
    const text = `id,手机号,姓名,同意营销\n${rows.join('\n')}\n`
    const cut = Buffer.from(text, 'utf8')
    const at = cut.indexOf(Buffer.from('张女士4', 'utf8'))
    // 张 is e5 bc a0: keep e5 bc and drop a0, as a file cut mid-character would.
    const bytes = Buffer.concat([cut.subarray(0, at + 2), cut.subarray(at + 3)])
    expect(detectEncoding(bytes, true)).toBe('utf-8')
    const read = await readContactStream(streamOf(bytes), LIMITS)
    expect(read.encoding).toBe('utf-8')
    expect(read.errors).toEqual([
      {
        row: 6,
        field: '',
        message: {
          en: 'The row holds bytes that are not valid UTF-8 (a character cut off?); correct the row and import it again',
          zh: '此行含有无效的 UTF-8 字节(可能有字符被截断);请修正此行后重新导入',
        },
      },
    ])
    expect(read.contacts.map((contact) => contact.id)).toEqual(['C-1', 'C-2', 'C-3', 'C-4', 'C-6', 'C-7', 'C-8'])
    expect(read.contacts[0]?.attributes).toEqual({ name: '张女士0' })
  })

  it('property: Chinese UTF-8 text with one character cut short is UTF-8 and only that row is refused', async () => {
    const hanzi = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCharCode(code))
    const name = fc.array(hanzi, { minLength: 2, maxLength: 4 }).map((chars) => chars.join(''))
    await fc.assert(
      fc.asyncProperty(fc.array(name, { minLength: 10, maxLength: 30 }), fc.nat(), async (names, pick) => {
        const broken = pick % names.length
        const lines = names.map((each, index) => Buffer.from(`C-${index + 1},${each}\n`, 'utf8'))
        const line = lines[broken] as Buffer
        const start = line.indexOf(',') + 1
        lines[broken] = Buffer.concat([line.subarray(0, start + 2), line.subarray(start + 3)])
        const bytes = Buffer.concat([Buffer.from('id,姓名\n', 'utf8'), ...lines])
        expect(detectEncoding(bytes, true)).toBe('utf-8')
        const read = await readContactStream(streamOf(bytes), LIMITS)
        expect(read.encoding).toBe('utf-8')
        expect(read.errors.map((error) => error.row)).toEqual([broken + 2])
        expect(read.contacts.map((contact) => contact.attributes.name)).toEqual(names.filter((_, index) => index !== broken))
      }),
      { numRuns: 50 },
    )
  })

  it('still reads a GBK file with many non-ASCII characters as GB18030', () => {
    const names = Array.from({ length: 200 }, (_, index) => `C-${index},${'销售部王经理张女士李先生'.slice(index % 8, (index % 8) + 4)}`)
    expect(detectEncoding(iconv.encode(`id,姓名\n${names.join('\n')}\n`, 'gbk'), true)).toBe('gb18030')
  })

  it('refuses a streamed file without an id column by its header row', async () => {
    const read = await readContactStream(streamOf(iconv.encode('姓名,手机号\n张女士,13812345678\n', 'gbk')), LIMITS)
    expect(read.contacts).toEqual([])
    expect(read.errors.map((error) => [error.row, error.field, error.message.en])).toEqual([
      [1, 'id', 'The header row has no id column: name it id (or ID, 编号, 客户编号, 会员号); found "姓名", "手机号"'],
    ])
  })

  it('still stops at the byte limit while decoding', async () => {
    const bytes = Buffer.from(`id\n${'x\n'.repeat(2000)}`)
    await expect(readContactStream(streamOf(bytes), { maxRows: 10_000, maxBytes: 1000 })).rejects.toMatchObject({ limit: 'bytes' })
  })
})
