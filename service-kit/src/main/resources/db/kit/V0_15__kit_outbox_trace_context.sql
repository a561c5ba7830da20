-- Issue 15: the trace context (W3C traceparent) of the transaction that wrote the event, stored
-- with the row so that the relay can send it as the Kafka header 'traceparent' however late it
-- publishes, and the consumers continue the same trace.
alter table outbox_event add column trace_parent varchar(55);
