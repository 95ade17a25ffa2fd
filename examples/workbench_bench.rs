//! In-process figures of the workbench on a store, for issue 6's table:
//! `cargo run --release --example workbench_bench -- STORE` (make one with
//! `silian --db STORE demo --scale 43`, about 100,000 visits). Prints the time
//! to load the records, to build the first state, to draw frames, and per
//! keystroke of a pinyin filter on the visits tab. Times, so a benchmark: never a test.

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use silian::i18n::Lang;
use silian::net::Backend;
use silian::rules::holidays::HolidayCalendar;
use silian::store::Store;
use silian::tui::app::App;
use silian::tui::key::Key;
use silian::tui::{load, load_preview, ui};
use std::time::Instant;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

/// Resident and peak memory of this process, from /proc (Linux only).
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status.lines().find(|l| l.starts_with(name)).map_or("?".to_string(), |l| l[name.len()..].trim().to_string())
    };
    format!("rss {} peak {}", field("VmRSS:"), field("VmHWM:"))
}

fn main() {
    silian::os::use_one_malloc_arena();
    silian::os::return_freed_memory_promptly();
    // The store is a real one, and sled writes a snapshot into it on closing:
    // its owner's alone, as silian itself keeps it.
    silian::os::keep_files_private();
    let path = std::env::args().nth(1).expect("usage: workbench_bench STORE");
    let t = Instant::now();
    // The store's server when one runs (`silian serve`), so that the figures
    // can be taken through it as well as on the store itself.
    let store = Backend::open(
        std::path::Path::new(&path),
        std::env::var("CACHE_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(silian::store::DEFAULT_CACHE_MB),
    )
    .expect("store");
    println!("through the server   {}", store.is_served());
    println!("open store           {:8.1} ms", ms(t));
    println!("  memory             {}", memory());
    // The separate figures read everything twice; LOAD_ONLY=1 leaves them out
    // so that the memory figures are the workbench's own.
    if let (None, Some(local)) = (std::env::var_os("LOAD_ONLY"), store.local()) {
        separate_figures(local);
    }
    let t = Instant::now();
    let preview = load_preview(&store, HolidayCalendar::builtin(), &silian::os::current_account()).expect("preview");
    println!("  newest records read {:7.1} ms", ms(t));
    let mut app = App::new(preview, Lang::Zh, chrono::Local::now().date_naive());
    app.page = 24;
    let _ = app.on_key(Key::parse("6").expect("key"));
    Terminal::new(TestBackend::new(100, 30)).expect("terminal").draw(|f| ui::draw(f, &app)).expect("draw");
    println!("preview: visits tab drawn {:6.1} ms", ms(t));
    let t = Instant::now();
    let data = load(&store, HolidayCalendar::builtin(), &silian::os::current_account()).expect("load");
    println!("load records         {:8.1} ms", ms(t));
    println!("  memory             {}", memory());
    // What the runner does once the full read arrives: the preview's state
    // takes it in, and the visits tab is drawn again.
    let t = Instant::now();
    app.finish_loading(Ok(data));
    Terminal::new(TestBackend::new(100, 30)).expect("terminal").draw(|f| ui::draw(f, &app)).expect("draw");
    println!("preview takes it in, drawn {:5.1} ms", ms(t));
    let data = std::mem::take(&mut app.data);
    drop(app);
    let t = Instant::now();
    let mut app = App::new(data, Lang::Zh, chrono::Local::now().date_naive());
    println!("first state          {:8.1} ms", ms(t));
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    app.page = 24;
    let t = Instant::now();
    terminal.draw(|f| ui::draw(f, &app)).expect("draw");
    println!("first frame (overview){:7.1} ms", ms(t));
    let t = Instant::now();
    let _ = app.on_key(Key::parse("6").expect("key"));
    terminal.draw(|f| ui::draw(f, &app)).expect("draw");
    println!("visits tab           {:8.1} ms", ms(t));
    let t = Instant::now();
    for _ in 0..50 {
        let _ = app.on_key(Key::parse("j").expect("key"));
        terminal.draw(|f| ui::draw(f, &app)).expect("draw");
    }
    println!("Down, per key        {:8.2} ms", ms(t) / 50.0);
    let t = Instant::now();
    let _ = app.on_key(Key::parse("/").expect("key"));
    println!("filter opened (/)    {:8.1} ms  (builds the tab's row index and name keys)", ms(t));
    for c in "zengguo".chars() {
        let t = Instant::now();
        let _ = app.on_key(Key::ch(c));
        app.settle();
        terminal.draw(|f| ui::draw(f, &app)).expect("draw");
        let took = ms(t);
        let rows = app.list().map_or(0, |l| l.rows.len());
        println!("filter +{c}            {took:8.1} ms  ({rows} rows)");
    }
    println!("after filter         {}", memory());
}

/// Reading and decoding every record, and making every search key, timed apart.
fn separate_figures(store: &Store) {
    let t = Instant::now();
    let mut records = Vec::new();
    for kind in silian::model::Kind::ALL {
        records.extend(store.list(kind, true).expect("list"));
    }
    println!("  read and decode    {:8.1} ms  ({} records)", ms(t), records.len());
    let t = Instant::now();
    let keys: Vec<_> = records.iter().map(|r| silian::store::find::label_key(&r.data)).collect();
    println!("  search keys        {:8.1} ms  ({})", ms(t), keys.len());
    println!("  memory             {}", memory());
    drop(keys);
    drop(records);
}
