-- Running totals for the live view (see src/db/schema/live-counts.ts). Statement-level triggers
-- with transition tables: one grouped insert of deltas per statement, however many rows it wrote.
CREATE FUNCTION live_counts_enrollments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Each branch names only the transition tables its event has.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO live_count_deltas (journey_id, node_id, metric, delta)
    SELECT journey_id, node_id, metric, sum(delta) FROM (
      SELECT journey_id, node_id, 'active' AS metric, 1 AS delta FROM new_rows WHERE status = 'active' AND node_id IS NOT NULL
      UNION ALL SELECT journey_id, '', 'opted_out', 1 FROM new_rows WHERE exit_reason = 'opted_out'
    ) AS changes GROUP BY 1, 2, 3;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO live_count_deltas (journey_id, node_id, metric, delta)
    SELECT journey_id, node_id, metric, sum(delta) FROM (
      SELECT journey_id, node_id, 'active' AS metric, -1 AS delta FROM old_rows WHERE status = 'active' AND node_id IS NOT NULL
      UNION ALL SELECT journey_id, node_id, 'active', 1 FROM new_rows WHERE status = 'active' AND node_id IS NOT NULL
      UNION ALL SELECT journey_id, '', 'opted_out', -1 FROM old_rows WHERE exit_reason = 'opted_out'
      UNION ALL SELECT journey_id, '', 'opted_out', 1 FROM new_rows WHERE exit_reason = 'opted_out'
    ) AS changes GROUP BY 1, 2, 3 HAVING sum(delta) <> 0;
  ELSE
    -- A deleted enrollment's steps no longer count as travelled connections either.
    INSERT INTO live_count_deltas (journey_id, node_id, metric, delta)
    SELECT journey_id, node_id, metric, sum(delta) FROM (
      SELECT journey_id, node_id, 'active' AS metric, -1 AS delta FROM old_rows WHERE status = 'active' AND node_id IS NOT NULL
      UNION ALL SELECT journey_id, '', 'opted_out', -1 FROM old_rows WHERE exit_reason = 'opted_out'
      UNION ALL SELECT o.journey_id, s.detail, 'edge', -1 FROM old_rows o JOIN step_log s ON s.enrollment_id = o.id WHERE s.kind = 'entered' AND s.detail IS NOT NULL
    ) AS changes GROUP BY 1, 2, 3;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION live_counts_messages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- A contact's first message in the journey makes them one more contact messaged. Messages of a
    -- contact are written under the contact's lock, so two first messages never race.
    INSERT INTO live_count_deltas (journey_id, node_id, metric, delta)
    SELECT journey_id, node_id, metric, sum(delta) FROM (
      SELECT journey_id, node_id, 'msg:' || status AS metric, 1 AS delta FROM new_rows
      UNION ALL SELECT pair.journey_id, '', 'messaged', 1 FROM (SELECT DISTINCT journey_id, contact_id FROM new_rows) AS pair
        WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.contact_id = pair.contact_id AND m.journey_id = pair.journey_id AND NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = m.id))
    ) AS changes GROUP BY 1, 2, 3;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO live_count_deltas (journey_id, node_id, metric, delta)
    SELECT journey_id, node_id, metric, sum(delta) FROM (
      SELECT journey_id, node_id, 'msg:' || status AS metric, -1 AS delta FROM old_rows
      UNION ALL SELECT journey_id, node_id, 'msg:' || status, 1 FROM new_rows
    ) AS changes GROUP BY 1, 2, 3 HAVING sum(delta) <> 0;
  ELSE
    INSERT INTO live_count_deltas (journey_id, node_id, metric, delta)
    SELECT journey_id, node_id, metric, sum(delta) FROM (
      SELECT journey_id, node_id, 'msg:' || status AS metric, -1 AS delta FROM old_rows
      UNION ALL SELECT pair.journey_id, '', 'messaged', -1 FROM (SELECT DISTINCT journey_id, contact_id FROM old_rows) AS pair
        WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.contact_id = pair.contact_id AND m.journey_id = pair.journey_id)
    ) AS changes GROUP BY 1, 2, 3;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION live_counts_coupons() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO live_count_deltas (journey_id, node_id, metric, delta)
    SELECT journey_id, node_id, 'redeemed', count(*) FROM new_rows
    WHERE status = 'redeemed' AND journey_id IS NOT NULL AND node_id IS NOT NULL GROUP BY 1, 2;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO live_count_deltas (journey_id, node_id, metric, delta)
    SELECT journey_id, node_id, 'redeemed', sum(delta) FROM (
      SELECT journey_id, node_id, -1 AS delta FROM old_rows WHERE status = 'redeemed' AND journey_id IS NOT NULL AND node_id IS NOT NULL
      UNION ALL SELECT journey_id, node_id, 1 FROM new_rows WHERE status = 'redeemed' AND journey_id IS NOT NULL AND node_id IS NOT NULL
    ) AS changes GROUP BY 1, 2 HAVING sum(delta) <> 0;
  ELSE
    INSERT INTO live_count_deltas (journey_id, node_id, metric, delta)
    SELECT journey_id, node_id, 'redeemed', -count(*) FROM old_rows
    WHERE status = 'redeemed' AND journey_id IS NOT NULL AND node_id IS NOT NULL GROUP BY 1, 2;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION live_counts_step_log() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A step into a node names the connection it came along; the enrollment names the journey.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO live_count_deltas (journey_id, node_id, metric, delta)
    SELECT e.journey_id, n.detail, 'edge', count(*) FROM new_rows n JOIN enrollments e ON e.id = n.enrollment_id
    WHERE n.kind = 'entered' AND n.detail IS NOT NULL GROUP BY 1, 2;
  ELSE
    INSERT INTO live_count_deltas (journey_id, node_id, metric, delta)
    SELECT e.journey_id, o.detail, 'edge', -count(*) FROM old_rows o JOIN enrollments e ON e.id = o.enrollment_id
    WHERE o.kind = 'entered' AND o.detail IS NOT NULL GROUP BY 1, 2;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER live_counts_enrollments_insert AFTER INSERT ON enrollments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION live_counts_enrollments();
--> statement-breakpoint
CREATE TRIGGER live_counts_enrollments_update AFTER UPDATE ON enrollments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION live_counts_enrollments();
--> statement-breakpoint
CREATE TRIGGER live_counts_enrollments_delete AFTER DELETE ON enrollments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION live_counts_enrollments();
--> statement-breakpoint
CREATE TRIGGER live_counts_messages_insert AFTER INSERT ON messages REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION live_counts_messages();
--> statement-breakpoint
CREATE TRIGGER live_counts_messages_update AFTER UPDATE ON messages REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION live_counts_messages();
--> statement-breakpoint
CREATE TRIGGER live_counts_messages_delete AFTER DELETE ON messages REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION live_counts_messages();
--> statement-breakpoint
CREATE TRIGGER live_counts_coupons_insert AFTER INSERT ON coupons REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION live_counts_coupons();
--> statement-breakpoint
CREATE TRIGGER live_counts_coupons_update AFTER UPDATE ON coupons REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION live_counts_coupons();
--> statement-breakpoint
CREATE TRIGGER live_counts_coupons_delete AFTER DELETE ON coupons REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION live_counts_coupons();
--> statement-breakpoint
CREATE TRIGGER live_counts_step_log_insert AFTER INSERT ON step_log REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION live_counts_step_log();
--> statement-breakpoint
CREATE TRIGGER live_counts_step_log_delete AFTER DELETE ON step_log REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION live_counts_step_log();
--> statement-breakpoint
-- What is there already, counted once.
INSERT INTO live_counts (journey_id, node_id, metric, value)
SELECT journey_id, node_id, metric, sum(value) FROM (
  SELECT journey_id, node_id, 'active' AS metric, count(*) AS value FROM enrollments WHERE status = 'active' AND node_id IS NOT NULL GROUP BY 1, 2
  UNION ALL SELECT journey_id, '', 'opted_out', count(*) FROM enrollments WHERE exit_reason = 'opted_out' GROUP BY 1
  UNION ALL SELECT journey_id, node_id, 'msg:' || status, count(*) FROM messages GROUP BY 1, 2, 3
  UNION ALL SELECT journey_id, '', 'messaged', count(DISTINCT contact_id) FROM messages GROUP BY 1
  UNION ALL SELECT journey_id, node_id, 'redeemed', count(*) FROM coupons WHERE status = 'redeemed' AND journey_id IS NOT NULL AND node_id IS NOT NULL GROUP BY 1, 2
  UNION ALL SELECT e.journey_id, s.detail, 'edge', count(*) FROM step_log s JOIN enrollments e ON e.id = s.enrollment_id WHERE s.kind = 'entered' AND s.detail IS NOT NULL GROUP BY 1, 2
) AS totals GROUP BY 1, 2, 3;
