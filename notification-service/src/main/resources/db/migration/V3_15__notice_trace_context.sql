-- Issue 15: the trace context (W3C traceparent) of the event a notice was planned from, so that
-- the dispatcher's send (the SMTP or SMS hand-off) joins that trace however late it runs.
alter table notice add column trace_parent varchar(55);
