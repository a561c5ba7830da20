-- Issue 15: the trace the consumer's handler ran in, to check that it continues the writer's.
alter table widget_applied add column trace_id varchar(32);
