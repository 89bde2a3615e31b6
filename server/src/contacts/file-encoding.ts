import { Readable } from 'node:stream'
import chardet from 'chardet'
import iconv from 'iconv-lite'

/** Bytes looked at before deciding: enough for chardet to be confident on Chinese text. */
const SAMPLE_BYTES = 64 * 1024
/** chardet's confidence (0–100) above which its answer beats the Chinese default. */
const CONFIDENT = 50

/** The encodings a contacts file is read in, as the import result names them. */
export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5' | 'windows-1252'

const CHARDET_NAMES: Record<string, FileEncoding> = {
  GB18030: 'gb18030',
  Big5: 'big5',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
  'windows-1252': 'windows-1252',
  'ISO-8859-1': 'windows-1252',
}

/** Mostly-ASCII text in UTF-16 without a byte-order mark: most of every other byte is zero. */
function utf16Without(sample: Buffer): FileEncoding | undefined {
  let even = 0
  let odd = 0
  const length = Math.min(sample.length, 4096) & ~1
  for (let index = 0; index < length; index += 2) {
    if (sample[index] === 0) even += 1
    if (sample[index + 1] === 0) odd += 1
  }
  const pairs = length / 2
  if (pairs === 0) return undefined
  // A Chinese character may have a zero byte too (销 is 00 95): the other side must be mostly zeros.
  if (odd > pairs * 0.3 && even < odd / 4) return 'utf-16le'
  if (even > pairs * 0.3 && odd < even / 4) return 'utf-16be'
  return undefined
}

/**
 * Valid non-ASCII characters a UTF-8 file must have for each invalid sequence before the invalid
 * ones are taken as damage (a cut-off character) rather than a sign of another encoding. GBK text
 * read as UTF-8 yields about one replacement for every character, so it never comes near.
 */
const VALID_PER_INVALID = 20

/**
 * UTF-8 text, allowing a tiny share of damaged sequences: those rows decode with U+FFFD and the
 * reader refuses them by row number, instead of the whole file being misread as GB18030.
 */
function isUtf8(sample: Buffer, complete: boolean): boolean {
  // A sample cut mid-character is still UTF-8: `stream` leaves the tail undecided.
  const text = new TextDecoder('utf-8').decode(sample, { stream: !complete })
  let invalid = 0
  let valid = 0
  for (const character of text) {
    if (character === '\uFFFD') invalid += 1
    else if (character > '\u007F') valid += 1
  }
  return invalid === 0 || valid >= invalid * VALID_PER_INVALID
}

/**
 * What a file is encoded in: a byte-order mark says it; UTF-16 shows in its zero bytes; text that
 * is valid UTF-8 is UTF-8; otherwise chardet's answer when it is confident, else GB18030, what
 * Excel writes on a Chinese Windows machine (GBK is a subset of it). Rows that still do not decode
 * are refused by the reader, with their row number.
 */
export function detectEncoding(sample: Buffer, complete: boolean): FileEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8-bom'
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le'
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be'
  const wide = utf16Without(sample)
  if (wide) return wide
  if (isUtf8(sample, complete)) return 'utf-8'
  const [best] = chardet.analyse(sample)
  const named = best && best.confidence >= CONFIDENT ? CHARDET_NAMES[best.name] : undefined
  return named ?? 'gb18030'
}

/**
 * The file as text, decoded as it streams: the first bytes decide the encoding, the rest follow
 * through iconv-lite's decoder (byte-order marks removed). `onBytes` sees every chunk,
 * for size limits and progress.
 */
export async function decodeStream(input: AsyncIterable<Buffer>, onBytes: (bytes: number) => void = () => {}): Promise<{ encoding: FileEncoding; text: Readable }> {
  const chunks = input[Symbol.asyncIterator]()
  const head: Buffer[] = []
  let size = 0
  let complete = false
  while (size < SAMPLE_BYTES) {
    const next = await chunks.next()
    if (next.done) {
      complete = true
      break
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value)
    onBytes(chunk.length)
    head.push(chunk)
    size += chunk.length
  }
  const sample = Buffer.concat(head)
  const encoding = detectEncoding(sample, complete)
  const decoder = iconv.getDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding)
  async function* text() {
    yield decoder.write(sample)
    if (!complete)
      for (;;) {
        const next = await chunks.next()
        if (next.done) break
        const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value)
        onBytes(chunk.length)
        yield decoder.write(chunk)
      }
    const rest = decoder.end()
    if (rest) yield rest
  }
  return { encoding, text: Readable.from(text()) }
}

/** A whole file's text, decoded the same way (for files read from disk by the command line). */
export function decodeFile(bytes: Buffer): string {
  const encoding = detectEncoding(bytes, true)
  return iconv.decode(bytes, encoding === 'utf-8-bom' ? 'utf-8' : encoding)
}
