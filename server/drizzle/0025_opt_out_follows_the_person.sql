ALTER TABLE "contacts" ADD COLUMN "opted_out_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "opt_out_source" text;--> statement-breakpoint
ALTER TABLE "suppressions" ADD COLUMN "source" text;--> statement-breakpoint
-- Rows from before sources were kept, by the reason their writer gave: a reply's own opt-out reads
-- `replied "…"`, an editor's opt-out from a reply adds `; opted out by <name>`, an import's reads
-- `imported as suppressed`. Anything else was not the person's reply and is never lifted by a START.
UPDATE "suppressions" SET "source" = CASE
  WHEN "reason" LIKE 'replied %' AND "reason" NOT LIKE '%"; opted out by %' THEN 'reply'
  WHEN "reason" LIKE 'replied %' THEN 'admin'
  ELSE 'import'
END;--> statement-breakpoint
ALTER TABLE "suppressions" ALTER COLUMN "source" SET NOT NULL;--> statement-breakpoint
-- When a second opt-out meets one already kept: the person's own reply is the weakest (their START
-- lifts it), so any other source replaces it, and one that is not a reply is never replaced.
CREATE FUNCTION stronger_opt_out_source(kept text, incoming text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN kept IS NULL OR kept = 'reply' THEN coalesce(incoming, kept) ELSE kept END
$$;--> statement-breakpoint
-- A contact whose phone changes away from a number on the suppression list takes the opt-out with
-- it, whichever path changed the phone (an import, the API, an identify call): the person opted out,
-- not only the number. The number keeps its own entry.
CREATE FUNCTION contacts_keep_opt_out() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  left_behind record;
BEGIN
  SELECT source, opted_out_at INTO left_behind FROM suppressions WHERE phone = OLD.phone;
  IF FOUND THEN
    NEW.opted_out_at := greatest(NEW.opted_out_at, left_behind.opted_out_at);
    NEW.opt_out_source := stronger_opt_out_source(NEW.opt_out_source, left_behind.source);
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER contacts_keep_opt_out BEFORE UPDATE OF phone ON contacts FOR EACH ROW
  WHEN (OLD.phone IS NOT NULL AND OLD.phone IS DISTINCT FROM NEW.phone) EXECUTE FUNCTION contacts_keep_opt_out();
