-- Viewers never publish, yet users made as (or turned into) viewers were stored with "can publish"
-- set. Cleared here so what is stored and answered matches what a viewer may do; a viewer made an
-- editor again starts without the box until an admin ticks it.
UPDATE "users" SET "can_publish" = false WHERE "role" = 'viewer';
