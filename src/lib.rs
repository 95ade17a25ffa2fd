//! silian (四联): records and rules of a street party committee's 四定四联 work.
//!
//! Layers never point upward: `model` and `rules` know nothing of storage,
//! `store` knows nothing of the terminal, and `cli` sits on top of all.

pub mod cli;
pub mod demo;
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
