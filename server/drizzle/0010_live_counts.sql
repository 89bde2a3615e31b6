CREATE TABLE "live_count_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"journey_id" text NOT NULL,
	"node_id" text NOT NULL,
	"metric" text NOT NULL,
	"delta" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_counts" (
	"journey_id" text NOT NULL,
	"node_id" text NOT NULL,
	"metric" text NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "live_counts_journey_id_node_id_metric_pk" PRIMARY KEY("journey_id","node_id","metric")
);
--> statement-breakpoint
CREATE INDEX "live_count_deltas_journey_idx" ON "live_count_deltas" USING btree ("journey_id");