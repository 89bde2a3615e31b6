import helmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/**
 * Browser protections on every answer, the web app's pages and the API alike. The app loads only
 * its own scripts, styles and data, so anything else a page tries to run or fetch is refused; no
 * other site may frame it (clickjacking a publish button); no address, short-link code included,
 * leaves in a Referer header. Images may also come from https (a message's MMS picture may live on
 * a CDN). HSTS is left to the HTTPS proxy in front: on plain http browsers ignore it anyway.
 */
export const securityHeadersPlugin = fp(async (app: FastifyInstance) => {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // React Flow and the app set style attributes; inline styles cannot run code.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  })
})
