import { Readable } from 'node:stream'
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

  it('still stops at the byte limit while decoding', async () => {
    const bytes = Buffer.from(`id\n${'x\n'.repeat(2000)}`)
    await expect(readContactStream(streamOf(bytes), { maxRows: 10_000, maxBytes: 1000 })).rejects.toMatchObject({ limit: 'bytes' })
  })
})
