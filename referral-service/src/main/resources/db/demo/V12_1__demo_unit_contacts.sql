-- DEMO ONLY (M7), issue 14: the demo units' office contacts and account names, which used to be
-- kept a second time in notification-service's mailboxes. Applied only where
-- minqing.demo-data.enabled=true; the rows are announced to notification at start-up (announced
-- is false), so unit.housing and unit.city receive their notices in the local platform and e2e.
-- The .local addresses and 139000000xx numbers reach no one real.
update handling_unit set contact_email = 'housing@unit.minqing.local', contact_phone = '13900000001',
    user_subject = 'unit.housing' where id = '8d2e4f10-2b02-4d7a-8b02-000000000001';
update handling_unit set contact_email = 'city@unit.minqing.local', contact_phone = '13900000002',
    user_subject = 'unit.city' where id = '8d2e4f10-2b02-4d7a-8b02-000000000002';
