import net from 'node:net'

/** A port nothing listens on: a server is opened on a free port, then closed. */
export async function refusedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/**
 * A server that reads each request and never answers: the provider may have taken the message.
 * `requests` counts the connections that sent something.
 */
export async function silentServer(): Promise<{ port: number; requests: () => number; close: () => Promise<void> }> {
  let requests = 0
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.once('data', () => {
      requests += 1
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    requests: () => requests,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/** A queued outbox row for contact "c" at `createdAt`, as provider tests insert them. */
export function queuedMessage(key: string, createdAt: number, extra: { text?: string; template?: { code: string; params: Record<string, string> } } = {}) {
  return {
    idempotencyKey: key,
    enrollmentId: `e-${key}`,
    journeyId: 'j',
    contactId: 'c',
    nodeId: 'sms',
    channel: 'sms' as const,
    category: 'transactional' as const,
    phone: '+8613812345678',
    text: extra.text ?? '【乐享】您的预约明天10:00',
    parts: 1,
    createdAt: new Date(createdAt),
    ...(extra.template ? { template: extra.template } : {}),
  }
}
