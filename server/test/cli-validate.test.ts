import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCommand } from '../src/cli/commands'

async function run(args: string[], env: Record<string, string> = {}) {
  const stdout: string[] = []
  const stderr: string[] = []
  const code = await runCommand(args, { stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line), env })
  return { code, stdout, stderr }
}

const templates = new URL('../../shared/templates/', import.meta.url).pathname

describe('recall validate', () => {
  it('exits 0 and says so for a valid template', async () => {
    const result = await run(['validate', join(templates, 'birthday.json')])
    expect(result).toEqual({ code: 0, stdout: ['Birthday · 生日关怀: 0 error(s), 0 warning(s)'], stderr: [] })
  })

  it('prints each problem with its node id and exits 1 on errors, in Chinese when asked', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'recall-cli-')), 'broken.json')
    const journey = JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(join(templates, 'ab-offer-test.json'), 'utf8')))
    journey.nodes[1].data.variants[0].weight = 40
    writeFileSync(file, JSON.stringify(journey))
    const result = await run(['validate', file, '--lang', 'zh-CN'])
    expect(result.code).toBe(1)
    expect(result.stdout).toEqual([
      'error   ab.weights_sum               node offer-test /nodes/1/data/variants  各组比例合计为 95%,应为 100%',
      'A/B offer test · 优惠力度A/B测试:1 个错误,0 个警告',
    ])
  })

  it('resolves the file against the directory the user ran pnpm from', async () => {
    const result = await run(['validate', 'exit-only.json'], { INIT_CWD: templates })
    expect(result.code).toBe(2)
    expect(result.stderr).toEqual(['Cannot read exit-only.json: ENOENT'])
  })

  it('reports malformed JSON as a problem, not a crash', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'recall-cli-')), 'half.json')
    writeFileSync(file, '{"nodes": [')
    const result = await run(['validate', file])
    expect(result.code).toBe(1)
    expect(result.stdout[0]).toMatch(/^error {3}json\.malformed {15}The file is not valid JSON: /)
  })

  it('prints usage and exits 2 for an unknown command', async () => {
    const result = await run(['frobnicate'])
    expect(result.code).toBe(2)
    expect(result.stderr[0]).toMatch(/^Usage: recall <command>/)
  })
})
