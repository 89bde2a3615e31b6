import type { LocalizedText } from '../i18n'

export type Severity = 'error' | 'warning'

/** One thing wrong with a journey, pointing at the node or edge and the JSON path to fix. */
export interface Problem {
  code: string
  severity: Severity
  nodeId?: string
  edgeId?: string
  /** JSON Pointer into the document, e.g. /nodes/3/data/text. */
  path: string
  message: LocalizedText
}

export function error(code: string, path: string, message: LocalizedText, at: Pick<Problem, 'nodeId' | 'edgeId'> = {}): Problem {
  return { code, severity: 'error', path, message, ...at }
}

export function warning(code: string, path: string, message: LocalizedText, at: Pick<Problem, 'nodeId' | 'edgeId'> = {}): Problem {
  return { code, severity: 'warning', path, message, ...at }
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === 'error')
}
