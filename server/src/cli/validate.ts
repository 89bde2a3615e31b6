import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { hasErrors, type Locale, localize, validateJourney } from '@recall/shared'
import type { CliIo } from './commands'

/** `recall validate <file>`: prints each problem with its node and path; exit 1 on any error. */
export async function validateCommand(args: string[], locale: Locale, io: CliIo): Promise<number> {
  const file = args.find((arg, index) => !arg.startsWith('--') && args[index - 1] !== '--lang')
  if (!file) {
    io.stderr(locale === 'zh-CN' ? '用法:recall validate <journey.json>' : 'Usage: recall validate <journey.json>')
    return 2
  }
  let text: string
  try {
    // pnpm runs scripts from the workspace root; INIT_CWD is where the user typed the command.
    text = await readFile(resolve(io.env.INIT_CWD ?? process.cwd(), file), 'utf8')
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause)
    io.stderr(locale === 'zh-CN' ? `无法读取 ${file}:${reason}` : `Cannot read ${file}: ${reason}`)
    return 2
  }
  const { problems, document } = validateJourney(text)
  for (const problem of problems) {
    const message = localize(problem.message, locale)
    const path = message.startsWith(problem.path || '/') ? '' : problem.path
    const where = [problem.nodeId && `node ${problem.nodeId}`, problem.edgeId && `edge ${problem.edgeId}`, path].filter(Boolean).join(' ')
    io.stdout(`${problem.severity.padEnd(7)} ${problem.code.padEnd(28)} ${where ? `${where}  ` : ''}${message}`)
  }
  const errors = problems.filter((problem) => problem.severity === 'error').length
  const warnings = problems.length - errors
  const name = document?.name ?? file
  io.stdout(locale === 'zh-CN' ? `${name}:${errors} 个错误,${warnings} 个警告` : `${name}: ${errors} error(s), ${warnings} warning(s)`)
  return hasErrors(problems) ? 1 : 0
}
