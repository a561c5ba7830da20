-- DEMO ONLY (M7): the demo district's supervisor mailboxes, applied only where
-- minqing.demo-data.enabled=true (%dev/%test, infra/local/platform, the e2e suite). A real
-- deployment enters its own through the API (ops-admin). The .local addresses and 139000000xx
-- numbers reach no one real. The units' mailboxes are not here (issue 14): they follow
-- referral-service's handling units (its db/demo carries the demo units' contacts and accounts).
insert into mailbox (kind, key, name, email, mobile, user_subject) values
  ('SUPERVISOR', '310104001000', '第一街道人大工委 / Sub-district 1 working committee', 'supervision@310104001000.minqing.local', '13900000011', 'sub1.staff'),
  ('SUPERVISOR', '310104002000', '第二街道人大工委 / Sub-district 2 working committee', 'supervision@310104002000.minqing.local', '13900000012', 'sub2.staff'),
  ('SUPERVISOR', '310104000000', '区人大常委会 / District standing committee', 'supervision@310104000000.minqing.local', '13900000010', 'district.staff');
