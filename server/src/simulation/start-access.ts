import type { LocalizedText } from '@recall/shared'
import type { RouteAccess } from '../access/permissions'

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
