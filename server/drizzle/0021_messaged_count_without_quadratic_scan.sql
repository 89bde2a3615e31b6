-- The "contacts messaged" total without a quadratic plan. The old test ("no message of the pair that
-- is not in new_rows") was planned, once the planner knew messages was large, as an index probe per
-- pair with a scan of the whole transition table inside it: pairs × rows of the statement (a batch
-- of 5,000 messages took seconds, and the plan changed whenever statistics did). Counting the pair's
-- messages (one probe of the contact index each) and comparing with the pair's rows in this statement
-- is linear. The journey test is wrapped in IS TRUE so it cannot use the journey index: without
-- statistics the planner ANDed it in, reading every message of the journey for every contact.
CREATE OR REPLACE FUNCTION live_counts_messages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- A contact's first message in the journey makes them one more contact messaged: all of the
    -- pair's messages are in this statement. Messages of a contact are written under the contact's
    -- lock, so two first messages never race.
    INSERT INTO live_count_deltas (journey_id, node_id, metric, delta)
    SELECT journey_id, node_id, metric, sum(delta) FROM (
      SELECT journey_id, node_id, 'msg:' || status AS metric, 1 AS delta FROM new_rows WHERE NOT test
      UNION ALL SELECT pair.journey_id, '', 'messaged', 1 FROM (SELECT journey_id, contact_id, count(*) AS added FROM new_rows WHERE NOT test GROUP BY 1, 2) AS pair
        WHERE (SELECT count(*) FROM messages m WHERE m.contact_id = pair.contact_id AND (m.journey_id = pair.journey_id) IS TRUE AND NOT m.test) = pair.added
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
