import { createRequire } from 'node:module'
import { createThrowawayDatabase, openDatabase } from '@recall/server'
import { measureRecall } from './compare/recall'

const require = createRequire(new URL('../../server/package.json', import.meta.url))
const pg = require('pg')
const stats = new Map<string, { n: number; ms: number }>()
const orig = pg.Client.prototype.query
pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
  const q = args[0] as string | { text: string }
  const text = (typeof q === 'string' ? q : (q?.text ?? '')).replace(/\s+/g, ' ').slice(0, 110)
  const t0 = performance.now()
  const r = orig.apply(this, args)
  if (r && typeof r.then === 'function')
    r.then(
      () => {
        const s = stats.get(text) ?? { n: 0, ms: 0 }
        s.n++
        s.ms += performance.now() - t0
        stats.set(text, s)
      },
      () => {},
    )
  return r
}
const t = await createThrowawayDatabase()
const h = await openDatabase({ url: t.url })
console.log(await measureRecall(h, Number(process.argv[2] ?? 5000), 10000))
await h.close()
await t.drop()
for (const [k, v] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 30)) console.log(v.n, Math.round(v.ms), k)
