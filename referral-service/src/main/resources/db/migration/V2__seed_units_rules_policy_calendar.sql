-- Seed data: the legal time limits and the official 2025/2026 calendars. Operators change all of
-- it as data (REST, ops-admin) later. The demo district's handling units and remit rules moved to
-- db/demo (M7): they are applied only where minqing.demo-data.enabled=true.

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
