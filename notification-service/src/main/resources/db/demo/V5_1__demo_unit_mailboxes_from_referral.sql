-- DEMO ONLY (M7). Issue 14: the units' mailboxes follow referral-service's handling units
-- (referral.unit.changed; its db/demo carries the demo units' contacts and accounts). The UNIT rows
-- V1_1 wrote before that are removed here rather than by editing V1_1, so databases that applied
-- it keep a valid Flyway history; referral announces its units at start-up and they come back.
delete from mailbox where kind = 'UNIT';
