import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Locale } from '@recall/shared'
import { clockFromEnvironment } from '../clock'
import { DataFolderLockedError } from '../db/folder-lock'
import { loadProviderSettings } from '../repositories/provider-settings'
import { serve } from '../server'
import type { CliIo } from './commands'

/** Built by `pnpm start` (vite build) before the server starts. */
const WEB_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../web/dist')

/** `recall serve [--port 3000] [--demo]`: the API on PGlite (./data) unless DATABASE_URL is set. */
export async function serveCommand(args: string[], locale: Locale, io: CliIo): Promise<number> {
  const flag = args.indexOf('--port')
  const port = Number(flag >= 0 ? args[flag + 1] : (io.env.PORT ?? 3000))
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr(locale === 'zh-CN' ? '--port 必须是 0 到 65535 之间的整数' : '--port must be a whole number from 0 to 65535')
    return 2
  }
  const dataDir = resolve(io.env.INIT_CWD ?? process.cwd(), io.env.RECALL_DATA_DIR ?? 'data')
  const host = io.env.HOST ?? '127.0.0.1'
  const demo = args.includes('--demo')
  const started = await serve({
    port,
    host,
    env: io.env,
    databaseUrl: io.env.DATABASE_URL,
    dataDir,
    demo,
    ...(io.env.RECALL_CLOCK_START ? { clock: clockFromEnvironment(io.env) } : {}),
    webRoot: WEB_ROOT,
  }).catch((error: unknown) => {
    if (!(error instanceof DataFolderLockedError)) throw error
    // Both languages: whoever reads a service log may not have set LANG as the operator did.
    io.stderr(error.text.en)
    io.stderr(error.text.zh)
    return undefined
  })
  if (!started) return 1
  const { app, firstAdmin, demoSeeded, clock } = started
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
  // From the process's start: what someone waiting for the server sees (the load of the code included).
  const seconds = process.uptime().toFixed(1)
  io.stdout(
    locale === 'zh-CN'
      ? `Recall 已启动:http://${shownHost}:${port}/(API:/api,数据库:${app.database.kind},${seconds} 秒就绪)`
      : `Recall is running on http://${shownHost}:${port}/ (API under /api, database: ${app.database.kind}; ready in ${seconds} s)`,
  )
  if (demo) {
    const simulatedNow = new Date(clock.now()).toISOString()
    // Said from the settings: once a cloud is connected, "nothing is sent" would no longer be true.
    const { routes } = await loadProviderSettings(app.database.db)
    const sending = Object.entries(routes)
      .map(([category, provider]) => `${category} → ${provider}`)
      .join(', ')
    const sandboxOnly = Object.values(routes).every((provider) => provider === 'sandbox')
    io.stdout(
      locale === 'zh-CN'
        ? `演示模式:${demoSeeded ? '已创建演示工作区(7 个模板、5,000 位示例联系人、2 个运行中的旅程),' : ''}演示时钟每秒前进 1 小时(当前 ${simulatedNow}),发送:${sending}${sandboxOnly ? '(沙箱服务商不会真实发送)' : ''}`
        : `Demo mode: ${demoSeeded ? 'demo workspace created (7 templates, 5,000 sample contacts, 2 live journeys); ' : ''}the demo clock runs one simulated hour per second (now ${simulatedNow}); sending: ${sending}${sandboxOnly ? ' (the sandbox sends nothing real)' : ''}`,
    )
  }
  if (firstAdmin) {
    const password = firstAdmin.generatedPassword ?? (locale === 'zh-CN' ? '(RECALL_ADMIN_PASSWORD 中设置的密码)' : '(the one in RECALL_ADMIN_PASSWORD)')
    io.stdout(
      locale === 'zh-CN'
        ? `首个管理员已创建:${firstAdmin.email} / ${password}(只显示这一次,请登录后修改)`
        : `First admin created: ${firstAdmin.email} / ${password} (shown this once; sign in and keep it safe)`,
    )
  }
  // Keep running until the process is stopped; close cleanly on Ctrl+C or a service manager's stop.
  await new Promise<void>((done) => {
    const stop = () => void app.close().then(done)
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  return 0
}
