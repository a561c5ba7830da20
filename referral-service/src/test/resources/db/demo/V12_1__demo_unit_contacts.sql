-- Module-test fixture (ADR 0026): the demo units' office contacts and account names (columns of V12) for referral-service's own tests,
-- applied by %test's Flyway location db/demo from src/test/resources (no service jar holds it). The
-- local platform and the e2e suite enter the same district through the API:
-- infra/demo-district/demo-district.requests.
update handling_unit set contact_email = 'housing@unit.minqing.local', contact_phone = '13900000001',
    user_subject = 'unit.housing' where id = '8d2e4f10-2b02-4d7a-8b02-000000000001';
update handling_unit set contact_email = 'city@unit.minqing.local', contact_phone = '13900000002',
    user_subject = 'unit.city' where id = '8d2e4f10-2b02-4d7a-8b02-000000000002';
