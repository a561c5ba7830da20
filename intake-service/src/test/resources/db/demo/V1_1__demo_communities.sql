-- Module-test fixture (ADR 0026): the demo district's communities for intake-service's own tests,
-- applied by %test's Flyway location db/demo from src/test/resources (no service jar holds it). The
-- local platform and the e2e suite enter the same district through the API:
-- infra/demo-district/demo-district.requests.
insert into community_area values
 ('310104001001', '泾水社区', '泾水,泾水公寓,泾水路', 31.1800, 31.1900, 121.4300, 121.4400),
 ('310104001002', '枫林社区', '枫林,枫林路',           31.1800, 31.1900, 121.4400, 121.4500),
 ('310104002001', '桂林社区', '桂林,桂林路',           31.1700, 31.1800, 121.4300, 121.4400),
 ('310104002002', '田林社区', '田林,田林路',           31.1700, 31.1800, 121.4400, 121.4500);
