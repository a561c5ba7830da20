-- Seed data: the demo district's handling units, remit rules, the legal time limits and the
-- official 2025/2026 calendars. Operators change all of it as data (REST, ops-admin) later.

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

insert into deadline_policy (kind, route, amount, unit, basis) values
('ACKNOWLEDGE',       '*',                        15, 'CALENDAR_DAYS', '信访工作条例 第22、23条：15日内告知是否受理'),
('RETURN',            '*',                         5, 'WORKING_DAYS',  '信访工作条例 第23条：不属于本机关职权范围的，5个工作日内告知'),
('RESOLVE',           '*',                        60, 'CALENDAR_DAYS', '信访工作条例 第34条：受理之日起60日内办结'),
('RESOLVE',           'COMMUNITY',                 5, 'WORKING_DAYS',  '地方规定：社区事项5个工作日'),
('RESOLVE',           'INTER_SESSION_SUGGESTION',  3, 'MONTHS',        '代表法 第51条：交办之日起3个月内答复'),
('RESOLVE',           'SESSION_SUGGESTION',        3, 'MONTHS',        '代表法 第51条：交办之日起3个月内答复'),
('RESOLVE_DIFFICULT', 'INTER_SESSION_SUGGESTION',  6, 'MONTHS',        '代表法 第51条：涉及面广、难度大的6个月内答复'),
('RESOLVE_DIFFICULT', 'SESSION_SUGGESTION',        6, 'MONTHS',        '代表法 第51条：涉及面广、难度大的6个月内答复'),
('EXTENSION_MAX',     '*',                        30, 'CALENDAR_DAYS', '信访工作条例 第34条：可延长一次，不超过30日'),
('REOPEN',            '*',                        30, 'CALENDAR_DAYS', '本平台：不满意重新办理30日'),
('SUPERVISION',       '*',                         5, 'WORKING_DAYS',  '本平台：督办单5个工作日内回复');

-- 2025 (国办发明电〔2024〕12号)
insert into calendar_day (day, kind, name)
select d::date, 'HOLIDAY', n from (values
    ('2025-01-01', '2025-01-01', '元旦'),
    ('2025-01-28', '2025-02-04', '春节'),
    ('2025-04-04', '2025-04-06', '清明节'),
    ('2025-05-01', '2025-05-05', '劳动节'),
    ('2025-05-31', '2025-06-02', '端午节'),
    ('2025-10-01', '2025-10-08', '国庆节、中秋节'),
    ('2026-01-01', '2026-01-03', '元旦'),
    ('2026-02-15', '2026-02-23', '春节'),
    ('2026-04-04', '2026-04-06', '清明节'),
    ('2026-05-01', '2026-05-05', '劳动节'),
    ('2026-06-19', '2026-06-21', '端午节'),
    ('2026-09-25', '2026-09-27', '中秋节'),
    ('2026-10-01', '2026-10-07', '国庆节')
) as h (first_day, last_day, n), generate_series(first_day::date, last_day::date, interval '1 day') as d;

insert into calendar_day (day, kind, name) values
('2025-01-26', 'ADJUSTED_WORKDAY', '春节调休上班'),
('2025-02-08', 'ADJUSTED_WORKDAY', '春节调休上班'),
('2025-04-27', 'ADJUSTED_WORKDAY', '劳动节调休上班'),
('2025-09-28', 'ADJUSTED_WORKDAY', '国庆节调休上班'),
('2025-10-11', 'ADJUSTED_WORKDAY', '国庆节调休上班'),
('2026-01-04', 'ADJUSTED_WORKDAY', '元旦调休上班'),
('2026-02-14', 'ADJUSTED_WORKDAY', '春节调休上班'),
('2026-02-28', 'ADJUSTED_WORKDAY', '春节调休上班'),
('2026-05-09', 'ADJUSTED_WORKDAY', '劳动节调休上班'),
('2026-09-20', 'ADJUSTED_WORKDAY', '国庆节调休上班'),
('2026-10-10', 'ADJUSTED_WORKDAY', '国庆节调休上班');
