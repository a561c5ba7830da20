-- Module-test fixture (ADR 0026): the demo district's supervisors' mailboxes for notification-service's
-- own tests, applied by %test's Flyway location db/demo from src/test/resources (no service jar holds
-- it). Units' mailboxes follow referral's units by event (ADR 0019): the tests publish those. The
-- local platform and the e2e suite enter the district through the APIs (demo-district.requests).
insert into mailbox (kind, key, name, email, mobile, user_subject) values
  ('SUPERVISOR', '310104001000', '第一街道人大工委 / Sub-district 1 working committee', 'supervision@310104001000.minqing.local', '13900000011', 'sub1.staff'),
  ('SUPERVISOR', '310104002000', '第二街道人大工委 / Sub-district 2 working committee', 'supervision@310104002000.minqing.local', '13900000012', 'sub2.staff'),
  ('SUPERVISOR', '310104000000', '区人大常委会 / District standing committee', 'supervision@310104000000.minqing.local', '13900000010', 'district.staff');
