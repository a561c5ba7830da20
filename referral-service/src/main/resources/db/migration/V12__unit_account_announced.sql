-- Issue 14 (ADR 0019): handling units are the one source of their contacts. The unit's
-- account name (the Keycloak username it signs in with, e.g. unit.housing) is its in-app inbox;
-- notification-service learns it, with the contact, from referral.unit.changed.
alter table handling_unit add column user_subject text;
-- True once the unit's current state went out as an event (through the outbox, in the same
-- transaction). Rows written by a migration (the demo district's, or a deployment's own data
-- migration) start false and are announced once at start-up (UnitAnnouncer); so are all existing
-- units when this version first starts, which fills notification's directory on upgrade.
alter table handling_unit add column announced boolean not null default false;
