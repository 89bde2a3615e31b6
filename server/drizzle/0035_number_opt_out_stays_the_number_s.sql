-- A number's opt-out (the number said TD) and a person's own are different things. Since 0033 an opt-out
-- is written at once on the people it is theirs: the contacts holding the number then (replies/opt-out.ts)
-- or the row an import marked. Yet a contact leaving a number (0025, 0026), or deleted (0026), took the
-- number's entry on the suppression list as their own whoever had made it: a contact who moved onto a
-- number someone else had opted out, then on to a clean one, stayed opted out as if they had replied TD.
-- The entry now goes with the person only when it was put on the list while they held the number (an
-- opt-out from before opt-outs were written on the person, kept as before). On the number it stays, and
-- stops every marketing send to it whoever holds it.

-- When a contact took the number it has: when it left the one before (its phone history), else when it
-- was created. A contact given its first number after it was created counts from its creation, which says
-- it held the number longer than it may have: that can only keep an opt-out with the person, never drop one.
CREATE FUNCTION contact_holds_phone_since(holder text, held text, created timestamptz) RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT greatest(created, (SELECT max(h.left_at) FROM contact_phone_history h WHERE h.contact_id = holder AND h.phone IS DISTINCT FROM held))
$$;--> statement-breakpoint
-- Both sides of the comparison are the database's clock: the entry's `created_at`, and the times numbers
-- were left and contacts created. The entry's `opted_out_at` is the provider's or the journeys' clock.
CREATE OR REPLACE FUNCTION contacts_keep_opt_out() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  left_behind record;
BEGIN
  SELECT source, opted_out_at, opted_out_by INTO left_behind FROM suppressions
    WHERE phone = OLD.phone AND created_at >= contact_holds_phone_since(OLD.id, OLD.phone, OLD.created_at);
  IF FOUND THEN
    NEW.opted_out_at := greatest(NEW.opted_out_at, left_behind.opted_out_at);
    NEW.opted_out_by := stronger_opt_out_by(NEW.opt_out_source, NEW.opted_out_by, left_behind.opted_out_by);
    NEW.opt_out_source := stronger_opt_out_source(NEW.opt_out_source, left_behind.source);
  END IF;
  INSERT INTO contact_phone_history (contact_id, phone, left_at) VALUES (OLD.id, OLD.phone, now())
    ON CONFLICT (contact_id, phone) DO UPDATE SET left_at = excluded.left_at;
  RETURN NEW;
END $$;--> statement-breakpoint
-- The same when a contact is deleted: its own opt-out is kept by its external id, and its number's only
-- when made while it held the number. Before the delete, as the phone history that says so goes with the
-- contact (its foreign key cascades).
CREATE OR REPLACE FUNCTION contacts_remember_opt_out() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  number record;
BEGIN
  SELECT source, opted_out_at, opted_out_by INTO number FROM suppressions
    WHERE phone = OLD.phone AND created_at >= contact_holds_phone_since(OLD.id, OLD.phone, OLD.created_at);
  IF NOT FOUND AND OLD.opted_out_at IS NULL THEN
    RETURN OLD;
  END IF;
  INSERT INTO deleted_contact_opt_outs (external_id, opted_out_at, source, opted_out_by)
  VALUES (
    OLD.external_id,
    greatest(OLD.opted_out_at, number.opted_out_at),
    stronger_opt_out_source(OLD.opt_out_source, number.source),
    stronger_opt_out_by(OLD.opt_out_source, OLD.opted_out_by, number.opted_out_by)
  )
  ON CONFLICT (external_id) DO UPDATE SET
    opted_out_at = greatest(deleted_contact_opt_outs.opted_out_at, excluded.opted_out_at),
    opted_out_by = stronger_opt_out_by(deleted_contact_opt_outs.source, deleted_contact_opt_outs.opted_out_by, excluded.opted_out_by),
    source = stronger_opt_out_source(deleted_contact_opt_outs.source, excluded.source),
    deleted_at = now();
  RETURN OLD;
END $$;--> statement-breakpoint
DROP TRIGGER contacts_remember_opt_out ON contacts;--> statement-breakpoint
CREATE TRIGGER contacts_remember_opt_out BEFORE DELETE ON contacts FOR EACH ROW EXECUTE FUNCTION contacts_remember_opt_out();
