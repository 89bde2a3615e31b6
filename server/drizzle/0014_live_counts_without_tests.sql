-- Test sends (messages.test) stay out of a journey's figures: the running totals leave them out as the recount does.
CREATE OR REPLACE FUNCTION live_counts_messages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- A contact's first message in the journey makes them one more contact messaged. Messages of a
    -- contact are written under the contact's lock, so two first messages never race.
    INSERT INTO live_count_deltas (journey_id, node_id, metric, delta)
    SELECT journey_id, node_id, metric, sum(delta) FROM (
      SELECT journey_id, node_id, 'msg:' || status AS metric, 1 AS delta FROM new_rows WHERE NOT test
      UNION ALL SELECT pair.journey_id, '', 'messaged', 1 FROM (SELECT DISTINCT journey_id, contact_id FROM new_rows WHERE NOT test) AS pair
        WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.contact_id = pair.contact_id AND m.journey_id = pair.journey_id AND NOT m.test AND NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = m.id))
    ) AS changes GROUP BY 1, 2, 3;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO live_count_deltas (journey_id, node_id, metric, delta)
    SELECT journey_id, node_id, metric, sum(delta) FROM (
      SELECT journey_id, node_id, 'msg:' || status AS metric, -1 AS delta FROM old_rows WHERE NOT test
      UNION ALL SELECT journey_id, node_id, 'msg:' || status, 1 FROM new_rows WHERE NOT test
    ) AS changes GROUP BY 1, 2, 3 HAVING sum(delta) <> 0;
  ELSE
    INSERT INTO live_count_deltas (journey_id, node_id, metric, delta)
    SELECT journey_id, node_id, metric, sum(delta) FROM (
      SELECT journey_id, node_id, 'msg:' || status AS metric, -1 AS delta FROM old_rows WHERE NOT test
      UNION ALL SELECT pair.journey_id, '', 'messaged', -1 FROM (SELECT DISTINCT journey_id, contact_id FROM old_rows WHERE NOT test) AS pair
        WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.contact_id = pair.contact_id AND m.journey_id = pair.journey_id AND NOT m.test)
    ) AS changes GROUP BY 1, 2, 3;
  END IF;
  RETURN NULL;
END $$;
