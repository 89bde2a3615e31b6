import { describe, expect, it } from 'vitest'
import { runCommand } from '../src/cli/commands'

async function run(args: string[], env: Record<string, string> = {}) {
  const stdout: string[] = []
  const stderr: string[] = []
  const code = await runCommand(args, { stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line), env })
  return { code, stdout, stderr }
}

const VALIDATE_EN = 'validate <journey.json>   print every problem of a journey; exit 1 on any error'
const LANG_EN = '  --lang en|zh-CN           language of messages (default: from LANG)'

describe('recall --help', () => {
  it.each([['--help'], ['-h'], ['help'], []])('answers %j with every command on stdout and exit 0', async (...args) => {
    const result = await run(args.filter((arg): arg is string => arg !== undefined))
    expect(result.code).toBe(0)
    expect(result.stderr).toEqual([])
    const lines = (result.stdout[0] ?? '').split('\n')
    expect(lines[0]).toBe('Usage: recall <command>')
    expect(lines.filter((line) => /^ {2}[a-z]/.test(line)).map((line) => line.trim().split(' ')[0])).toEqual(['validate', 'simulate', 'serve', 'worker', 'demo'])
    expect(lines.at(-1)).toBe(LANG_EN)
  })

  it('answers in Chinese when asked', async () => {
    const result = await run(['--help', '--lang', 'zh-CN'])
    expect(result.stdout[0]?.split('\n').slice(0, 3)).toEqual(['用法:recall <命令>', '', '  validate <journey.json>   列出旅程的全部问题;有错误时退出码为 1'])
  })

  it("answers a command's --help with that command's usage, without running it", async () => {
    expect(await run(['validate', '--help'])).toEqual({ code: 0, stdout: [`Usage: recall ${VALIDATE_EN}\n${LANG_EN}`], stderr: [] })
    // `serve --help` must not start a server: it answers at once.
    const serve = await run(['serve', '-h'], { LANG: 'zh_CN.UTF-8' })
    expect(serve.code).toBe(0)
    expect(serve.stdout[0]?.split('\n')[0]).toBe('用法:recall serve [--port 3000] [--demo]')
  })

  it('puts the usage on stderr with exit 2 for an unknown command', async () => {
    const result = await run(['frobnicate'])
    expect(result.code).toBe(2)
    expect(result.stdout).toEqual([])
    expect(result.stderr[0]?.split('\n')[0]).toBe('Usage: recall <command>')
  })
})
