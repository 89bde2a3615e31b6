-- Contacts waiting are counted per journey version (see src/db/schema/live-counts.ts): a contact
-- stays on the version it entered when another is published, and the live view drew their counts
-- on the new version's nodes. Every other metric keeps version 0.
ALTER TABLE "live_count_deltas" ADD COLUMN "version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "live_counts" ADD COLUMN "version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "live_counts" DROP CONSTRAINT "live_counts_journey_id_node_id_metric_pk";--> statement-breakpoint
ALTER TABLE "live_counts" ADD CONSTRAINT "live_counts_journey_id_version_node_id_metric_pk" PRIMARY KEY("journey_id","version","node_id","metric");--> statement-breakpoint
-- As before (0020), with each contact waiting counted under its enrollment's version: a publish
-- that moves contacts in flight changes the version of the row, which moves its count.
CREATE OR REPLACE FUNCTION live_counts_enrollments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Each branch names only the transition tables its event has.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO live_count_deltas (journey_id, version, node_id, metric, delta)
    SELECT journey_id, version, node_id, metric, sum(delta) FROM (
      SELECT journey_id, version, node_id, 'active' AS metric, 1 AS delta FROM new_rows WHERE status = 'active' AND node_id IS NOT NULL
      UNION ALL SELECT journey_id, 0, '', 'opted_out', 1 FROM new_rows WHERE exit_reason = 'opted_out'
    ) AS changes GROUP BY 1, 2, 3, 4;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO live_count_deltas (journey_id, version, node_id, metric, delta)
    SELECT journey_id, version, node_id, metric, sum(delta) FROM (
      SELECT journey_id, version, node_id, 'active' AS metric, -1 AS delta FROM old_rows WHERE status = 'active' AND node_id IS NOT NULL
      UNION ALL SELECT journey_id, version, node_id, 'active', 1 FROM new_rows WHERE status = 'active' AND node_id IS NOT NULL
      UNION ALL SELECT journey_id, 0, '', 'opted_out', -1 FROM old_rows WHERE exit_reason = 'opted_out'
      UNION ALL SELECT journey_id, 0, '', 'opted_out', 1 FROM new_rows WHERE exit_reason = 'opted_out'
    ) AS changes GROUP BY 1, 2, 3, 4 HAVING sum(delta) <> 0;
  ELSE
    -- A deleted enrollment's steps no longer count as travelled connections either.
    INSERT INTO live_count_deltas (journey_id, version, node_id, metric, delta)
    SELECT journey_id, version, node_id, metric, sum(delta) FROM (
      SELECT journey_id, version, node_id, 'active' AS metric, -1 AS delta FROM old_rows WHERE status = 'active' AND node_id IS NOT NULL
      UNION ALL SELECT journey_id, 0, '', 'opted_out', -1 FROM old_rows WHERE exit_reason = 'opted_out'
      UNION ALL SELECT o.journey_id, 0, edge, 'edge', -1 FROM old_rows o JOIN step_log s ON s.enrollment_id = o.id CROSS JOIN unnest(s.edges) AS edge
    ) AS changes GROUP BY 1, 2, 3, 4;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The contacts waiting, counted again per version; their old totals and pending deltas go.
DELETE FROM live_count_deltas WHERE metric = 'active';--> statement-breakpoint
DELETE FROM live_counts WHERE metric = 'active';--> statement-breakpoint
INSERT INTO live_counts (journey_id, version, node_id, metric, value)
SELECT journey_id, version, node_id, 'active', count(*) FROM enrollments WHERE status = 'active' AND node_id IS NOT NULL GROUP BY 1, 2, 3;
