-- Dispatcher.DUE_NOW: notices waiting to be sent, in the order they fall due, and sends whose lease lapsed.
create index notice_waiting on notice (next_attempt_at) where state in ('PENDING', 'FAILED');
create index notice_sending on notice (claimed_until) where state = 'SENDING';
drop index notice_due;
