import type { LocalizedText } from '@recall/shared'
import { useSession } from '../app/session'

/** Why a viewer's Simulate is off: the server refuses them a run (403), though they read results. */
export const VIEWER_CANNOT_SIMULATE: LocalizedText = {
  en: 'Viewers cannot start simulations: ask an editor or an admin (you can still open the results of runs)',
  zh: '查看者不能发起模拟:请联系编辑者或管理员(你仍可查看模拟结果)',
}

/** Why the signed-in person may not start a simulation, or undefined when they may (editors and admins). */
export function useSimulateRefusal(): LocalizedText | undefined {
  return useSession((state) => (state.user?.role === 'viewer' ? VIEWER_CANNOT_SIMULATE : undefined))
}
