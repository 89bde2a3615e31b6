import { useCallback, useEffect, useRef, useState } from 'react'
import { api, failureText } from './api'

/**
 * A searchable list of contacts read from the API a page at a time: `path` answers
 * `{ contacts, next }` and takes `search` and `after`. A new search starts again from the first page;
 * an answer to an older search that arrives late is dropped.
 */
export function usePagedContacts<T>(path: string, search: string) {
  const [contacts, setContacts] = useState<T[]>([])
  const [next, setNext] = useState<string | null>(null)
  const [total, setTotal] = useState<number | undefined>()
  const [error, setError] = useState<string | undefined>()
  const latest = useRef(0)

  const load = useCallback(
    (after?: string) => {
      const request = ++latest.current
      const query = `search=${encodeURIComponent(search)}${after ? `&after=${encodeURIComponent(after)}` : ''}`
      api<{ contacts: T[]; next: string | null; total?: number }>('GET', `${path}${path.includes('?') ? '&' : '?'}${query}`).then(
        (answer) => {
          if (request !== latest.current) return
          setContacts((shown) => (after ? [...shown, ...answer.contacts] : answer.contacts))
          setNext(answer.next)
          setTotal(answer.total)
          setError(undefined)
        },
        (cause) => request === latest.current && setError(failureText(cause)),
      )
    },
    [path, search],
  )
  useEffect(() => load(), [load])

  return { contacts, next, total, error, more: () => next && load(next), reload: () => load() }
}
