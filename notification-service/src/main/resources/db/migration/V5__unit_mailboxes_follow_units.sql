-- Issue 14 (ADR 0019): the UNIT mailboxes follow referral-service's handling units
-- (referral.unit.changed); ops edit only SUPERVISOR mailboxes here. A deactivated unit's row is
-- kept, for the history of its notices, but marked inactive: no new notice goes to it.
alter table mailbox add column active boolean not null default true;
