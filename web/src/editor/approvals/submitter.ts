import { useSession } from '../../app/session'

/** An editor without "can publish" publishes through review: the toolbar and the publish dialog say "Submit for review". */
export const useSubmitsForReview = () => useSession((state) => state.user?.role === 'editor' && !state.user.canPublish)
