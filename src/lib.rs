//! silian (四联): records and rules of a street party committee's 四定四联 work.
//!
//! # Layers
//!
//! Each layer may import only the layers below it; none points upward.
//!
//! | layer | what it holds | may import |
//! |---|---|---|
//! | [`i18n`], [`os`] | the user's language; the OS account and the malloc arena | nothing of ours |
//! | [`model`] | records, their fields, validation, masking of personal data | `i18n` |
//! | [`rules`], [`search`] | pure rules (calendar, holidays, grades, overdue) and pinyin matching | `model` |
//! | [`workflow`], [`review`] | the meeting cycle's and the evaluation's pure rules, types and texts | `model`, `rules`; for their texts `present` and, for the 公示 file, `io::export` |
//! | [`store`] | persistence only: trees, encoding, indexes, references, audit, transactions, roles as stored, and the one path that prepares a record for writing | `model`, `rules`, `search` |
//! | [`ops`] | every operation a front end may ask: request, reply, permission, handler, outcome text | all of the above |
//! | [`io`], [`present`], [`demo`] | files in and out (CSV, XLSX, the ledger), how records read in lists, demo data | `model`, `store`, `ops` |
//! | [`net`] | the server, its wire format, and [`net::Backend`]: the store in this process or its server | `ops`, `store` |
//! | [`docs`] | the documents an office files: views gathered through operations (as the account asking), laid out by `io::docx` | all of the above |
//! | [`cli`], [`tui`] | the front ends: they bind operations to flags and to keys | everything |
//!
//! `store` never imports `workflow`, `review`, `ops` or anything above, and
//! the rules never import `store` or `ops`: `tests/layers.rs` reads the
//! sources to keep it so.
//!
//! # How a key becomes a store write
//!
//! 1. The terminal thread reads a key and sends `Input::Key` to the runner
//!    ([`tui::runner`]), which hands every input — keys, pasted text, resizes,
//!    replies, records pushed by the server — to one
//!    [`tui::app::App::update`].
//! 2. The keymap ([`tui::keymap`], data a user's `keymap.toml` may change)
//!    resolves the key to an [`tui::action::Action`] in the mode of what is
//!    open on top ([`tui::open::Stack`]: a form, a chooser, a question…).
//! 3. The layer's module (`app_form.rs`, `app_cycle.rs`, …) changes the state
//!    and returns effects; a save or a step is `Effect::Ask(request)`, a
//!    request of [`ops::Request`].
//! 4. The runner performs the effect ([`tui::effects::perform`]):
//!    [`net::Backend::ask`] sends it to the server, or runs it in this process
//!    through [`ops::handle_as`] — the role check ([`ops::Need`]), the handler,
//!    then masking of what the account may not see.
//! 5. The handler writes through the store (one sled transaction, flushed
//!    before the reply); the reply comes back as `Input::Outcome`, the records
//!    in it take their place, and the status line says the operation's own
//!    outcome text ([`ops::Operation::outcome`]).
//!
//! # How a CLI command does
//!
//! `silian meeting 3 attend 1,2` is parsed by clap ([`cli`]), bound to
//! `ops::meeting::Attendance { .. }` and asked with `env.ask(&store, op)`,
//! which returns the operation's typed reply (here the meeting record) or an
//! error with its exit code and message in the user's language.
//!
//! # Adding an operation (worked example)
//!
//! Say the office wants to *reopen* a closed demand. The files it touches:
//!
//! 1. **The operation's file**, `src/ops/demands.rs`: the request type, its
//!    reply, who may ask, what it does and what the clerk is told:
//!
//!    ```ignore
//!    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
//!    pub struct ReopenDemand { pub id: u64, pub reason: String }
//!
//!    impl Operation for ReopenDemand {
//!        type Reply = AnyRecord; // a new reply type implements `Personal` here too
//!        fn need(&self) -> Need<'_> { Need::records(vec![(Kind::Demand, self.id)]) }
//!        fn run(self, store: &Store, caller: &Caller) -> Result<AnyRecord, Error> {
//!            store.write_batch(&caller.ctx, |b| { /* check the lifecycle, update */ })
//!        }
//!        fn outcome(&self, _: &AnyRecord, _: &Label, lang: Lang) -> String { /* zh, en */ }
//!    }
//!    ```
//! 2. **One line** in the list of `src/ops/mod.rs`:
//!    `ReopenDemand => demands::ReopenDemand,`. The wire enums, the routing,
//!    the permission table and the masking of its reply come from that list;
//!    the wire layout changes, so `net::wire::PROTOCOL` is raised with it.
//! 3. **One binding in the CLI**: a clap variant and
//!    `env.ask(&store, ops::demands::ReopenDemand { id, reason })?`.
//! 4. **One binding in the workbench**: a key or chooser entry whose handler
//!    returns `Effect::Ask(Box::new(ReopenDemand { .. }.into()))`; the reply's
//!    records and the outcome text are taken care of by `App::replied`.
//!
//! Its tests go where its layer's do: `tests/cycle.rs` for the handler,
//! `tests/access.rs` lists every request once, so a new one does not compile
//! there until someone decides which role may make it.

pub mod cli;
pub mod demo;
pub mod docs;
pub mod i18n;
pub mod io;
pub mod model;
pub mod net;
pub mod ops;
pub mod os;
pub mod present;
pub mod review;
pub mod rules;
pub mod search;
pub mod store;
pub mod tui;
pub mod workflow;
