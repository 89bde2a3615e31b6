-- The timeline as one row per step (see src/db/schema/step-log.ts): lines in a json array, and the
-- connections a step travelled in `edges` for the live counts.
ALTER TABLE "step_log" ADD COLUMN "lines" json;--> statement-breakpoint
ALTER TABLE "step_log" ADD COLUMN "edges" text[];--> statement-breakpoint
-- Each line written so far becomes a row of one line. No trigger fires on UPDATE of step_log, so
-- the running totals stay as they are (they already count these edges).
UPDATE "step_log" SET
  "lines" = json_build_array(json_build_object(
    'at', to_char("at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'nodeId', "node_id", 'kind', "kind", 'message', "message", 'detail', "detail")),
  "edges" = CASE WHEN "kind" = 'entered' AND "detail" IS NOT NULL THEN ARRAY["detail"] END;--> statement-breakpoint
ALTER TABLE "step_log" ALTER COLUMN "lines" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "step_log" DROP COLUMN "node_id";--> statement-breakpoint
ALTER TABLE "step_log" DROP COLUMN "kind";--> statement-breakpoint
ALTER TABLE "step_log" DROP COLUMN "message";--> statement-breakpoint
ALTER TABLE "step_log" DROP COLUMN "detail";--> statement-breakpoint
CREATE OR REPLACE FUNCTION live_counts_enrollments() RETURNS trigger LANGUAGE plpgsql AS $$
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
      UNION ALL SELECT o.journey_id, edge, 'edge', -1 FROM old_rows o JOIN step_log s ON s.enrollment_id = o.id CROSS JOIN unnest(s.edges) AS edge
    ) AS changes GROUP BY 1, 2, 3;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION live_counts_step_log() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A step names the connections it came along; the enrollment names the journey.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO live_count_deltas (journey_id, node_id, metric, delta)
    SELECT e.journey_id, edge, 'edge', count(*) FROM new_rows n JOIN enrollments e ON e.id = n.enrollment_id CROSS JOIN unnest(n.edges) AS edge GROUP BY 1, 2;
  ELSE
    INSERT INTO live_count_deltas (journey_id, node_id, metric, delta)
    SELECT e.journey_id, edge, 'edge', -count(*) FROM old_rows o JOIN enrollments e ON e.id = o.enrollment_id CROSS JOIN unnest(o.edges) AS edge GROUP BY 1, 2;
  END IF;
  RETURN NULL;
END $$;
