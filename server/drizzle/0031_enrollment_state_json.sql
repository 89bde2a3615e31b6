-- An enrollment's state as json, without the fields the row's own columns hold (see
-- src/db/enrollment-state.ts): every step rewrites the state whole and only the worker reads it
-- whole, and jsonb parsed each step's JSON a second time. The column's rewrite strips those fields
-- from every stored state at once; ALTER TABLE fires no row trigger, so the live counts stay as
-- they are. Readers rebuild the fields from the columns, so a state that still has them reads the same.
ALTER TABLE "enrollments" ALTER COLUMN "state" SET DATA TYPE json USING ("state" - ARRAY['enrollmentId', 'journeyId', 'version', 'status', 'nodeId'])::json;
