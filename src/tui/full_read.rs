//! The workbench's full read: every record of every kind, asked for a page
//! at a time on one thread and taken in (decoded, indexed, packed) on
//! another, so that reading the store and holding what it read overlap.
//!
//! Each page is an operation like any other, in this process and from a
//! server alike: the account's role is checked. An account that sees every
//! record in full is given pages as stored (`StoredPage`), and each visit
//! is packed straight from its stored bytes, its text never copied into a
//! string of its own; any other is given records, masked as it may see them.
//! On two threads the read took no less time while taking in was mostly
//! allocation: the workbench's threads share one malloc arena (`os`), and
//! two threads allocating at once waited for each other (2026-12-03/04).

use super::context;
use super::data::Data;
use super::held::Held;
use crate::model::{AnyRecord, Kind};
use crate::net::Backend;
use crate::ops::{self, Error};
use crate::rules::holidays::HolidayCalendar;
use crate::store::codec::{self, DecodeError};
use crate::store::{Context, StoreError, StoredRecords};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

/// Records asked per page: small enough that neither end holds a whole large
/// kind twice (records and their encoding), and that a stop is seen between
/// pages. A page of stored visits (about 100 KB) stays under glibc's mmap
/// threshold (128 KiB), so that its buffer is taken from the heap again
/// rather than mapped afresh and faulted in: with pages of 2,000 the full
/// read of the demo street faulted in 20,000 pages of memory instead of
/// 15,000 and took 166 against 158 ms (medians of 8, 2026-12-04).
const PAGE: usize = 400;

/// Pages read ahead of the one being taken in: one keeps both threads busy.
const PAGES_AHEAD: usize = 1;

/// `load`, given up (`None`) as soon as `stop` is set: someone who quits, or
/// whose connection drops, while a large store is read must not wait for it,
/// nor keep the store locked against their next start.
pub fn load_unless(
    store: &Backend,
    calendar: HolidayCalendar,
    account: &str,
    stop: &AtomicBool,
) -> Result<Option<Data>, Error> {
    let ctx = context(account);
    let data = Data::filling(store.settings(&ctx)?, calendar);
    let (pages, arriving) = sync_channel(PAGES_AHEAD);
    std::thread::scope(|scope| {
        scope.spawn(|| fetch_all(store, &ctx, stop, pages));
        // `arriving` is dropped on the way out, so that a reader waiting to
        // hand over a page is let go before the scope waits for it.
        take_in_all(data, arriving, stop)
    })
}

/// A page as the store gave it.
enum Fetched {
    Stored(StoredRecords),
    Records(Vec<AnyRecord>),
}

impl Fetched {
    fn len(&self) -> usize {
        match self {
            Fetched::Stored(page) => page.len(),
            Fetched::Records(page) => page.len(),
        }
    }

    fn last_id(&self) -> Option<u64> {
        match self {
            Fetched::Stored(page) => page.last_id(),
            Fetched::Records(page) => page.last().map(AnyRecord::id),
        }
    }
}

/// Asks for every page of every kind in turn, in `Kind::ALL`'s order, and
/// hands each over; ends at a stop, a failure (handed over) or when nobody
/// takes pages any more.
fn fetch_all(store: &Backend, ctx: &Context, stop: &AtomicBool, pages: SyncSender<Result<Fetched, Error>>) {
    let mut as_stored = true;
    for kind in Kind::ALL {
        let mut after = 0;
        loop {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            let page = fetch(store, ctx, kind, after, &mut as_stored);
            let (got, last) = page.as_ref().map_or((0, None), |p| (p.len(), p.last_id()));
            let failed = page.is_err();
            if pages.send(page).is_err() || failed {
                return;
            }
            if got < PAGE {
                break;
            }
            after = last.unwrap_or(after);
        }
    }
}

/// One page of `kind` after `after`: as stored while the store gives it so.
fn fetch(store: &Backend, ctx: &Context, kind: Kind, after: u64, as_stored: &mut bool) -> Result<Fetched, Error> {
    if *as_stored {
        if let Some(page) = store.ask(ctx, ops::records::StoredPage { kind, after, limit: PAGE })? {
            return Ok(Fetched::Stored(page));
        }
        *as_stored = false;
    }
    Ok(Fetched::Records(store.ask(ctx, ops::records::Page { kind, after, limit: PAGE })?))
}

/// Takes in the pages `fetch_all` hands over, each kind held once its last
/// page (a short one) is in; `None` if the reader stopped first.
fn take_in_all(
    mut data: Data,
    arriving: Receiver<Result<Fetched, Error>>,
    stop: &AtomicBool,
) -> Result<Option<Data>, Error> {
    for kind in Kind::ALL {
        let mut held = Held::new(kind);
        loop {
            let Ok(page) = arriving.recv() else { return Ok(None) };
            let page = page?;
            let got = page.len();
            match page {
                Fetched::Stored(page) => take_in_stored(&mut data, &mut held, kind, &page)?,
                Fetched::Records(records) => records.into_iter().for_each(|rec| data.take_in(&mut held, rec)),
            }
            if got < PAGE {
                break;
            }
        }
        data.hold(kind, held);
    }
    Ok((!stop.load(Ordering::Relaxed)).then(|| data.filled()))
}

/// Takes in the records of `page`, as stored.
fn take_in_stored(data: &mut Data, held: &mut Held, kind: Kind, page: &StoredRecords) -> Result<(), Error> {
    for (id, bytes) in page.iter() {
        let corrupt = |reason| StoreError::Corrupt { kind, id, reason };
        let bytes = bytes.ok_or_else(|| corrupt(DecodeError::Bincode("outside its page".into())))?;
        let visit = if kind == Kind::Visit { codec::decode_visit_borrowed(bytes) } else { None };
        match visit {
            Some((meta, visit)) => data.take_in_visit(held, meta, &visit),
            None => data.take_in(held, codec::decode_any(kind, bytes).map_err(corrupt)?),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Grant, Role, Store};

    /// The full read's tests elsewhere compare what each account holds; this
    /// one checks that an editor's read does take the stored path they cover.
    #[test]
    fn an_account_that_sees_everything_is_read_as_stored_and_any_other_as_records() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("store"), 8).unwrap();
        let admin = context("clerk");
        store.set_role(&admin, "clerk", Some(Grant { role: Role::Admin, member_id: None })).unwrap();
        store.set_role(&admin, "ed", Some(Grant { role: Role::Editor, member_id: None })).unwrap();
        store.set_role(&admin, "vi", Some(Grant { role: Role::Viewer, member_id: None })).unwrap();
        let store = Backend::Local(store);
        for (account, stored) in [("clerk", true), ("ed", true), ("vi", false)] {
            let mut as_stored = true;
            let page = fetch(&store, &context(account), Kind::Visit, 0, &mut as_stored).unwrap();
            assert_eq!(matches!(page, Fetched::Stored(_)), stored, "{account}");
            assert_eq!(as_stored, stored, "{account} keeps to the way its first page came");
        }
    }
}
