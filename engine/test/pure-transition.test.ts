import { JOURNEY_TEMPLATES } from '@recall/shared'
import { describe, expect, it } from 'vitest'
import { initialTransition, transition } from 'xstate'
import { compileJourney, defaultPolicies } from '../src/index'
import { contact } from './helpers'

describe('pureTransitions', () => {
  it.each(JOURNEY_TEMPLATES.map((document) => [document.id, document] as const))('matches xstate transition() on %s', (_id, document) => {
    const compiled = compileJourney(document)
    const context = {
      journey: document,
      contact: contact({ attributes: { tier: 'gold' } }),
      policies: defaultPolicies(),
      now: Date.parse('2026-11-24T02:00:00Z'),
      timeZone: 'Asia/Shanghai',
      state: { variants: {} },
    }
    const trigger = document.nodes.find((node) => node.type === 'trigger')?.id
    const event = { type: `ENTER.${trigger}`, context }
    const [expectedState, expectedActions] = transition(compiled.machine, initialTransition(compiled.machine)[0], event as never)
    const [actualState, actualActions] = compiled.transitions.transition(compiled.transitions.initial, event)
    expect(actualState.value).toEqual(expectedState.value)
    expect(actualActions.map((action) => [action.type, action.params])).toEqual(expectedActions.map((action) => [action.type, (action as { params?: unknown }).params]))
  })
})
