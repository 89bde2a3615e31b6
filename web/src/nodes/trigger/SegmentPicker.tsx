import { useEffect, useState } from 'react'
import { api } from '../../app/api'
import { Field, TextInput } from '../../inspector/fields'

/** Saved segments to choose from; the id can be typed when the segment is defined later. */
export function SegmentPicker({ value, onChange }: { value: string; onChange(value: string): void }) {
  const [segments, setSegments] = useState<{ id: string; name: string }[]>([])
  useEffect(() => {
    api<{ segments: { id: string; name: string }[] }>('GET', '/segments')
      .then((answer) => setSegments(answer.segments))
      .catch(() => setSegments([]))
  }, [])
  return (
    <Field label={{ en: 'Segment', zh: '分群' }}>
      <TextInput value={value} onChange={onChange} maxLength={100} />
      {segments.length > 0 && (
        <select aria-label="segments" value={segments.some((segment) => segment.id === value) ? value : ''} onChange={(event) => onChange(event.target.value)}>
          <option value="" disabled>
            …
          </option>
          {segments.map((segment) => (
            <option key={segment.id} value={segment.id}>
              {segment.name} ({segment.id})
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}
