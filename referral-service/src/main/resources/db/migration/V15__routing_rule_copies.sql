-- Issue 14 (ADR 0024): a piece keeps copies of the remit rules other pieces own, from
-- referral.routing-rule.changed, and of their units, from referral.unit.changed. The two travel on
-- different topics, so a rule may arrive before its unit: it is kept, and the suggestion (which joins
-- handling_unit and takes only active units) uses it once the unit is here. The API still refuses a
-- rule naming a unit this piece does not know (422 unitId).
alter table routing_rule drop constraint if exists routing_rule_unit_id_fkey;
