-- DEMO ONLY (M7): the demo district's mailboxes, applied only where minqing.demo-data.enabled=true
-- (%dev/%test, infra/local/platform, the e2e suite). A real deployment enters its own through the
-- API (ops-admin). The .local addresses and 139000000xx numbers reach no one real only here.
insert into mailbox (kind, key, name, email, mobile, user_subject) values
  ('UNIT', '8d2e4f10-2b02-4d7a-8b02-000000000001', '街道房管办 / Sub-district housing department', 'housing@unit.minqing.local', '13900000001', 'unit.housing'),
  ('UNIT', '8d2e4f10-2b02-4d7a-8b02-000000000002', '市级承办单位 / City-level handling unit', 'city@unit.minqing.local', '13900000002', 'unit.city'),
  ('SUPERVISOR', '310104001000', '第一街道人大工委 / Sub-district 1 working committee', 'supervision@310104001000.minqing.local', '13900000011', 'sub1.staff'),
  ('SUPERVISOR', '310104002000', '第二街道人大工委 / Sub-district 2 working committee', 'supervision@310104002000.minqing.local', '13900000012', 'sub2.staff'),
  ('SUPERVISOR', '310104000000', '区人大常委会 / District standing committee', 'supervision@310104000000.minqing.local', '13900000010', 'district.staff');
