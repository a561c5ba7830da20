-- 督办单 (issue 13): the unit holding the referral is told, by the channels of an overdue notice.
insert into routing_rule (event_type, recipient_kind, channels, legally_required, urgent, note) values
  ('referral.referral.supervision-issued', 'UNIT', 'EMAIL,SMS,IN_APP', false, false, '督办单')
on conflict do nothing;
