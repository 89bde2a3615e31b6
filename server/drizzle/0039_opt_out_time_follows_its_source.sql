-- The time of an opt-out goes with the source that stands (see `stronger_opt_out_source`): a STOP after
-- an import's or a colleague's opt-out kept that source but wrote its own, later time, so the contact page
-- said "imported as opted out at <the reply's time>". Two replies keep the later time: only a START sent
-- after the last STOP lifts it (replies/opt-in.ts).
CREATE FUNCTION stronger_opt_out_at(kept_source text, kept_at timestamptz, incoming_source text, incoming_at timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN kept_source IS NOT NULL AND kept_source <> 'reply' THEN kept_at
    WHEN incoming_source IS NOT NULL AND incoming_source <> 'reply' THEN incoming_at
    ELSE greatest(kept_at, incoming_at)
  END
$$;--> statement-breakpoint
-- As in 0035, with the time of the opt-out that stands.
CREATE OR REPLACE FUNCTION contacts_keep_opt_out() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  left_behind record;
BEGIN
  SELECT source, opted_out_at, opted_out_by INTO left_behind FROM suppressions
    WHERE phone = OLD.phone AND created_at >= contact_holds_phone_since(OLD.id, OLD.phone, OLD.created_at);
  IF FOUND THEN
    NEW.opted_out_at := stronger_opt_out_at(NEW.opt_out_source, NEW.opted_out_at, left_behind.source, left_behind.opted_out_at);
    NEW.opted_out_by := stronger_opt_out_by(NEW.opt_out_source, NEW.opted_out_by, left_behind.opted_out_by);
    NEW.opt_out_source := stronger_opt_out_source(NEW.opt_out_source, left_behind.source);
  END IF;
  INSERT INTO contact_phone_history (contact_id, phone, left_at) VALUES (OLD.id, OLD.phone, now())
    ON CONFLICT (contact_id, phone) DO UPDATE SET left_at = excluded.left_at;
  RETURN NEW;
END $$;--> statement-breakpoint
-- As in 0035, with the time of the opt-out that stands.
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
    stronger_opt_out_at(OLD.opt_out_source, OLD.opted_out_at, number.source, number.opted_out_at),
    stronger_opt_out_source(OLD.opt_out_source, number.source),
    stronger_opt_out_by(OLD.opt_out_source, OLD.opted_out_by, number.opted_out_by)
  )
  ON CONFLICT (external_id) DO UPDATE SET
    opted_out_at = stronger_opt_out_at(deleted_contact_opt_outs.source, deleted_contact_opt_outs.opted_out_at, excluded.source, excluded.opted_out_at),
    opted_out_by = stronger_opt_out_by(deleted_contact_opt_outs.source, deleted_contact_opt_outs.opted_out_by, excluded.opted_out_by),
    source = stronger_opt_out_source(deleted_contact_opt_outs.source, excluded.source),
    deleted_at = now();
  RETURN OLD;
END $$;--> statement-breakpoint
-- As in 0030, with the time of the opt-out that stands.
CREATE OR REPLACE FUNCTION contacts_restore_opt_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE contacts c SET
    opted_out_at = stronger_opt_out_at(c.opt_out_source, c.opted_out_at, d.source, d.opted_out_at),
    opted_out_by = stronger_opt_out_by(c.opt_out_source, c.opted_out_by, d.opted_out_by),
    opt_out_source = stronger_opt_out_source(c.opt_out_source, d.source)
  FROM inserted i JOIN deleted_contact_opt_outs d ON d.external_id = i.external_id
  WHERE c.id = i.id;
  DELETE FROM deleted_contact_opt_outs d USING inserted i WHERE d.external_id = i.external_id;
  INSERT INTO contact_phone_history (contact_id, phone, left_at)
    SELECT i.id, p.phone, p.left_at FROM inserted i JOIN deleted_contact_phones p ON p.external_id = i.external_id
    WHERE p.phone IS DISTINCT FROM i.phone AND p.left_at > now() - interval '90 days'
  ON CONFLICT (contact_id, phone) DO UPDATE SET left_at = greatest(contact_phone_history.left_at, excluded.left_at);
  DELETE FROM deleted_contact_phones p USING inserted i WHERE p.external_id = i.external_id;
  RETURN NULL;
END $$;
