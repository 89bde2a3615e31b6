import { describe, expect, it } from 'vitest'
import { connect, JOURNEY_TEMPLATES } from '../src/index'

const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart')

describe('connecting an output that already has a connection', () => {
  it('says which connection it replaced and which nodes no trigger reaches any more', () => {
    if (!cart) throw new Error('template missing')
    const result = connect(cart, { source: 'wait-for-order', sourceHandle: 'timeout', target: 'done' })
    if ('refused' in result) throw new Error('refused')
    expect(result.replaced).toEqual({
      edge: { id: 'e-wait-for-order-timeout', source: 'wait-for-order', sourceHandle: 'timeout', target: 'cart-reminder' },
      unreachable: ['cart-reminder', 'wait-1-day', 'cart-coupon'],
    })
    expect(result.document.edges.filter((edge) => edge.source === 'wait-for-order').map((edge) => edge.target)).toEqual(['purchased', 'done'])
  })

  it('reports nothing when the output was free or already went there', () => {
    if (!cart) throw new Error('template missing')
    const free = { ...cart, edges: cart.edges.filter((edge) => edge.source !== 'cart-coupon') }
    const connected = connect(free, { source: 'cart-coupon', sourceHandle: 'out', target: 'done' })
    expect('replaced' in connected).toBe(false)
  })
})
