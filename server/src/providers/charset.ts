import iconv from 'iconv-lite'

/**
 * A callback body as text, decoded by the charset its content type names (Aliyun can push
 * `application/json; charset=gbk`); UTF-8 when none is named or the name is unknown, so a GBK
 * "退订" is not read as mojibake and missed.
 */
export function callbackText(bytes: Buffer, contentType: string | undefined): string {
  const charset = /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '')?.[1]?.toLowerCase()
  if (!charset || charset === 'utf-8' || charset === 'utf8' || !iconv.encodingExists(charset)) return bytes.toString('utf8')
  return iconv.decode(bytes, charset)
}
