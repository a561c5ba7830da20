-- Module-test fixture (ADR 0026): the demo district's handling units and remit rules for referral-service's own tests,
-- applied by %test's Flyway location db/demo from src/test/resources (no service jar holds it). The
-- local platform and the e2e suite enter the same district through the API:
-- infra/demo-district/demo-district.requests.
insert into handling_unit (id, name, tier, lines, jurisdiction, contact_name, contact_phone, contact_email) values
-- unit.housing and unit.city line up with the Keycloak realm's demo users.
('8d2e4f10-2b02-4d7a-8b02-000000000001', '第一街道房屋管理办公室 / Sub-district 1 housing office', 'SUBDISTRICT', 'housing,planning', '310104001000', '房管办值班', '021-00000001', 'unit.housing@minqing.local'),
('8d2e4f10-2b02-4d7a-8b02-000000000002', '市规划和自然资源局 / City planning and natural resources bureau', 'CITY', 'planning,housing', '310100000000', '信访办', '021-00000002', 'unit.city@minqing.local'),
('8d2e4f10-2b02-4d7a-8b02-000000000101', '第一社区居委会 / Community 1-1 office', 'COMMUNITY', '*', '310104001001', '居委会主任', '021-00000101', null),
('8d2e4f10-2b02-4d7a-8b02-000000000102', '第二社区居委会 / Community 1-2 office', 'COMMUNITY', '*', '310104001002', '居委会主任', '021-00000102', null),
('8d2e4f10-2b02-4d7a-8b02-000000000103', '第三社区居委会 / Community 2-1 office', 'COMMUNITY', '*', '310104002001', '居委会主任', '021-00000103', null),
('8d2e4f10-2b02-4d7a-8b02-000000000104', '第四社区居委会 / Community 2-2 office', 'COMMUNITY', '*', '310104002002', '居委会主任', '021-00000104', null),
('8d2e4f10-2b02-4d7a-8b02-000000000201', '第一街道城市管理办公室 / Sub-district 1 urban management office', 'SUBDISTRICT', 'urban-management,transport', '310104001000', '城管办', '021-00000201', null),
('8d2e4f10-2b02-4d7a-8b02-000000000202', '第一街道生态环境办公室 / Sub-district 1 environment office', 'SUBDISTRICT', 'environment', '310104001000', '环境办', '021-00000202', null),
('8d2e4f10-2b02-4d7a-8b02-000000000203', '第一街道社会保障服务中心 / Sub-district 1 social security centre', 'SUBDISTRICT', 'social-security', '310104001000', '社保中心', '021-00000203', null),
('8d2e4f10-2b02-4d7a-8b02-000000000211', '第二街道房屋管理办公室 / Sub-district 2 housing office', 'SUBDISTRICT', 'housing,planning', '310104002000', '房管办', '021-00000211', null),
('8d2e4f10-2b02-4d7a-8b02-000000000212', '第二街道城市管理办公室 / Sub-district 2 urban management office', 'SUBDISTRICT', 'urban-management,transport', '310104002000', '城管办', '021-00000212', null),
('8d2e4f10-2b02-4d7a-8b02-000000000213', '第二街道生态环境办公室 / Sub-district 2 environment office', 'SUBDISTRICT', 'environment', '310104002000', '环境办', '021-00000213', null),
('8d2e4f10-2b02-4d7a-8b02-000000000214', '第二街道社会保障服务中心 / Sub-district 2 social security centre', 'SUBDISTRICT', 'social-security', '310104002000', '社保中心', '021-00000214', null),
('8d2e4f10-2b02-4d7a-8b02-000000000301', '区房屋管理局 / District housing bureau', 'DISTRICT', 'housing,planning', '310104000000', '信访科', '021-00000301', null),
('8d2e4f10-2b02-4d7a-8b02-000000000302', '区建设和交通委员会 / District construction and transport commission', 'DISTRICT', 'transport,urban-management', '310104000000', '信访科', '021-00000302', null);

insert into routing_rule (line_code, scope_code, route, unit_id) values
('housing',          '310104001000', 'SUBDISTRICT_DEPARTMENT', '8d2e4f10-2b02-4d7a-8b02-000000000001'),
('housing',          '310104002000', 'SUBDISTRICT_DEPARTMENT', '8d2e4f10-2b02-4d7a-8b02-000000000211'),
('urban-management', '310104001000', 'SUBDISTRICT_DEPARTMENT', '8d2e4f10-2b02-4d7a-8b02-000000000201'),
('urban-management', '310104002000', 'SUBDISTRICT_DEPARTMENT', '8d2e4f10-2b02-4d7a-8b02-000000000212'),
('environment',      '310104001000', 'SUBDISTRICT_DEPARTMENT', '8d2e4f10-2b02-4d7a-8b02-000000000202'),
('environment',      '310104002000', 'SUBDISTRICT_DEPARTMENT', '8d2e4f10-2b02-4d7a-8b02-000000000213'),
('social-security',  '310104001001', 'COMMUNITY',              '8d2e4f10-2b02-4d7a-8b02-000000000101'),
('social-security',  '310104001002', 'COMMUNITY',              '8d2e4f10-2b02-4d7a-8b02-000000000102'),
('social-security',  '310104002001', 'COMMUNITY',              '8d2e4f10-2b02-4d7a-8b02-000000000103'),
('social-security',  '310104002002', 'COMMUNITY',              '8d2e4f10-2b02-4d7a-8b02-000000000104'),
-- a high-rise's planning permit is a city matter: reached through the representative.
('planning',         '310104000000', 'REPRESENTATIVE_CONTACT', '8d2e4f10-2b02-4d7a-8b02-000000000002'),
('transport',        '310104000000', 'INTER_SESSION_SUGGESTION', '8d2e4f10-2b02-4d7a-8b02-000000000302');
