//! Integration tests: the engine, the command line and the window against real servers
//! started by the harness in `support`. One test binary, so the crate links once.

mod support;

mod account;
mod account_verify;
mod crash_consistency;
mod credentials_leak;
mod discover;
mod disk_full;
mod fuzz_seeds;
mod harness;
mod hostile_corpus;
mod hostile_messages;
mod hostile_reading;
mod i18n;
mod imap_cli;
mod imap_common;
mod imap_connect;
mod imap_damaged;
mod imap_offline;
mod imap_on_demand;
mod imap_push;
mod imap_session;
mod imap_sync;
mod malicious_imap;
mod malicious_pop3;
mod malicious_smtp;
mod pop3;
mod pop3_cli;
mod pop3_download;
mod pop3_faults;
mod smtp;
mod smtp_cli;
mod smtp_outbox;
mod store;
mod store_cli;
mod store_crash;
mod store_migrations;
mod store_search;
mod store_threads;
mod tls;
mod ui;
mod window;
