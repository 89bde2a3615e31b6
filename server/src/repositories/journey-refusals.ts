import { refusalError } from '../plugins/errors'

/**
 * 404 for a journey the address names (`/journeys/:id/…`), with its one problem at `/params/id`
 * as field errors say where: every route that looks a journey up refuses it the same way.
 */
export const journeyNotFound = (id: string) =>
  refusalError({ status: 404, code: 'journey_not_found', path: '/params/id', text: { en: `No journey "${id}"`, zh: `旅程 "${id}" 不存在` } })
