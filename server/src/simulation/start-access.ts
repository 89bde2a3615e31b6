import type { LocalizedText } from '@recall/shared'
import type { FastifyRequest } from 'fastify'
import type { RouteAccess } from '../access/permissions'
import { requireScope } from '../plugins/auth'
import type { SampleSourceName } from './sample-schema'

/**
 * Starting a simulation takes an editor (or an admin): a run holds worker threads and one of the
 * server's few places, so viewers read the results of runs but do not start them.
 */
export const START_SIMULATION_ACCESS: { access: RouteAccess; refusal: LocalizedText } = {
  access: 'journeys:write',
  refusal: {
    en: 'Starting a simulation needs the editor or admin role; viewers can open the results of runs',
    zh: '发起模拟需要编辑者或管理员角色;查看者可以查看模拟结果',
  },
}

/** A run over the workspace's contacts (a random sample of them, or a segment's) reads them: starting one takes contacts:read too. */
export function checkSampleSource(request: FastifyRequest, source: SampleSourceName | undefined): void {
  if (source === 'contacts' || source === 'segment') requireScope(request, 'contacts:read')
}

/**
 * A run over people (the workspace's contacts, or a file of them) answers their ids and timelines,
 * whoever started it: reading one takes contacts:read too. A generated sample's run needs no more.
 */
export function checkRunReader(request: FastifyRequest, run: { request: { source: SampleSourceName } }): void {
  if (run.request.source !== 'generated') requireScope(request, 'contacts:read')
}
