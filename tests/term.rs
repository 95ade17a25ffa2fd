//! silian's terminal backend against the stock crossterm backend: both are fed
//! into a terminal emulator (vt100), which must show the same screen after
//! every frame; and the bytes a list needs per keystroke.

use proptest::prelude::*;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use silian::tui::term::{scroll_regions_wanted, Screen, SilianBackend};
use std::cell::RefCell;
use std::io::Write;
use std::num::NonZeroU16;
use std::rc::Rc;
use unicode_width::UnicodeWidthStr;

/// A row: text spans from column 0 and from the middle (a list beside a detail pane).
#[derive(Clone, Debug)]
struct Row {
    left: Vec<(String, Style)>,
    right: Vec<(String, Style)>,
}

#[derive(Clone, Debug)]
enum Step {
    Replace(usize, Row),
    /// Rows top..top+len shift by count, up or down, only the left half or all of it.
    Scroll {
        top: usize,
        len: usize,
        count: usize,
        up: bool,
        whole: bool,
        fresh: Row,
    },
    Resize(u16, u16),
    Cursor(Option<(u16, u16)>),
    Same,
}

fn text() -> impl Strategy<Value = String> {
    let chars = prop::sample::select(vec!['a', 'b', 'Z', ' ', '中', '文', '字', '余', '伟', '军', '，', '…', '│', '7']);
    prop::collection::vec(chars, 0..14).prop_map(|v| v.into_iter().collect())
}

fn color() -> impl Strategy<Value = Color> {
    prop::sample::select(vec![
        Color::Reset,
        Color::Red,
        Color::LightBlue,
        Color::DarkGray,
        Color::White,
        Color::Indexed(100),
        Color::Rgb(1, 2, 3),
    ])
}

fn style() -> impl Strategy<Value = Style> {
    let mods = prop::sample::subsequence(
        vec![Modifier::BOLD, Modifier::DIM, Modifier::ITALIC, Modifier::UNDERLINED, Modifier::REVERSED],
        0..3,
    );
    (color(), color(), mods).prop_map(|(fg, bg, mods)| {
        let mut modifier = mods.into_iter().fold(Modifier::empty(), |a, m| a | m);
        // vt100 keeps one intensity (the last set), so bold and dim together
        // would show whichever came last: not a difference a test can judge.
        if modifier.contains(Modifier::BOLD) {
            modifier -= Modifier::DIM;
        }
        Style::new().fg(fg).bg(bg).add_modifier(modifier)
    })
}

fn spans() -> impl Strategy<Value = Vec<(String, Style)>> {
    prop::collection::vec((text(), style()), 0..4)
}

fn row() -> impl Strategy<Value = Row> {
    (spans(), spans()).prop_map(|(left, right)| Row { left, right })
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0..16usize, row()).prop_map(|(y, r)| Step::Replace(y, r)),
        4 => (0..8usize, 2..14usize, 1..4usize, any::<bool>(), any::<bool>(), row())
            .prop_map(|(top, len, count, up, whole, fresh)| Step::Scroll { top, len, count, up, whole, fresh }),
        1 => (4..34u16, 3..16u16).prop_map(|(w, h)| Step::Resize(w, h)),
        1 => prop::option::of((0..40u16, 0..20u16)).prop_map(Step::Cursor),
        1 => Just(Step::Same),
    ]
}

fn apply(rows: &mut [Row], step: &Step) {
    match step {
        Step::Replace(y, r) => {
            if let Some(slot) = rows.get_mut(*y) {
                *slot = r.clone();
            }
        }
        Step::Scroll { top, len, count, up, whole, fresh } => {
            let end = (top + len).min(rows.len());
            if *top >= end || *count >= end - top {
                return;
            }
            let band = &mut rows[*top..end];
            let n = band.len();
            let mut moved: Vec<Row> = band.to_vec();
            if *up {
                moved.rotate_left(*count);
                moved[n - count..].fill(fresh.clone());
            } else {
                moved.rotate_right(*count);
                moved[..*count].fill(fresh.clone());
            }
            for (slot, new) in band.iter_mut().zip(moved) {
                if *whole {
                    *slot = new;
                } else {
                    slot.left = new.left;
                }
            }
        }
        _ => {}
    }
}

fn render(buf: &mut ratatui::buffer::Buffer, rows: &[Row]) {
    let (w, h) = (buf.area.width, buf.area.height);
    for (y, row) in rows.iter().enumerate().take(usize::from(h)) {
        let y = y as u16;
        let mid = w / 2;
        let mut x = 0;
        for (t, s) in &row.left {
            x = buf.set_stringn(x, y, t, usize::from(mid.saturating_sub(x)), *s).0;
        }
        let mut x = mid;
        for (t, s) in &row.right {
            x = buf.set_stringn(x, y, t, usize::from(w.saturating_sub(x)), *s).0;
        }
    }
}

/// A writer whose bytes the test can take while a terminal owns it.
#[derive(Clone, Default)]
struct Sink(Rc<RefCell<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Sink {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut self.0.borrow_mut())
    }
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap()
}

/// The stock crossterm backend painting the whole frame on a cleared screen:
/// what the frame should look like. (Fed only ratatui's changed cells, the
/// stock backend can leave a stale pen in the half of a wide character it
/// broke, so its incremental output is not a sound reference.)
fn reference(frame: &Buffer, cursor: Option<Position>) -> vt100::Parser {
    let (w, h) = (frame.area.width, frame.area.height);
    let sink = Sink::default();
    let mut backend = CrosstermBackend::new(sink.clone());
    backend.clear().unwrap();
    let mut cells = Vec::new();
    for y in 0..h {
        let mut x = 0;
        while x < w {
            let cell = &frame[(x, y)];
            cells.push((x, y, cell));
            x += (cell.symbol().width() as u16).max(1);
        }
    }
    backend.draw(cells.into_iter()).unwrap();
    match cursor {
        Some(p) => {
            backend.show_cursor().unwrap();
            backend.set_cursor_position(p).unwrap();
        }
        None => backend.hide_cursor().unwrap(),
    }
    Backend::flush(&mut backend).unwrap();
    let mut parser = vt100::Parser::new(nz(h), nz(w), 0);
    parser.process(&sink.take());
    parser
}

/// What a person sees in a cell: an empty cell looks like a space.
fn seen(cell: Option<&vt100::Cell>) -> Option<(String, bool, bool, vt100::Color, vt100::Color, [bool; 5])> {
    cell.map(|c| {
        let text = if c.has_contents() { c.contents().to_string() } else { " ".to_string() };
        let attrs = [c.bold(), c.dim(), c.italic(), c.underline(), c.inverse()];
        (text, c.is_wide(), c.is_wide_continuation(), c.fgcolor(), c.bgcolor(), attrs)
    })
}

fn same_screen(a: &vt100::Screen, b: &vt100::Screen) -> Result<(), String> {
    let (h, w) = a.size();
    for r in 0..h.get() {
        for c in 0..w.get() {
            if seen(a.cell(r, c)) != seen(b.cell(r, c)) {
                let (x, y) = (seen(a.cell(r, c)), seen(b.cell(r, c)));
                return Err(format!("cell {r},{c}: {x:?} vs {y:?}\n{}\n---\n{}", a.contents(), b.contents()));
            }
        }
    }
    if a.hide_cursor() != b.hide_cursor() || (!a.hide_cursor() && a.cursor_position() != b.cursor_position()) {
        return Err(format!(
            "cursor {:?}/{} vs {:?}/{}",
            a.cursor_position(),
            a.hide_cursor(),
            b.cursor_position(),
            b.hide_cursor()
        ));
    }
    Ok(())
}

fn run(steps: &[Step], scroll_regions: bool) -> Result<(), String> {
    let (mut w, mut h) = (30u16, 12u16);
    let mut rows = vec![Row { left: Vec::new(), right: Vec::new() }; 16];
    let mut cursor = None;
    let out = Sink::default();
    let mut ours = Screen::new(SilianBackend::with_size(out.clone(), scroll_regions, w, h)).unwrap();
    let mut ours_vt = vt100::Parser::new(nz(h), nz(w), 0);
    for (i, step) in steps.iter().enumerate() {
        apply(&mut rows, step);
        match step {
            Step::Resize(nw, nh) => {
                (w, h) = (*nw, *nh);
                ours_vt.screen_mut().set_size(nz(h), nz(w));
                ours.backend_mut().set_size(w, h);
            }
            Step::Cursor(c) => cursor = *c,
            _ => {}
        }
        let at = cursor.filter(|(x, y)| *x < w && *y < h).map(|(x, y)| Position { x, y });
        let mut frame = Buffer::empty(Rect::new(0, 0, w, h));
        render(&mut frame, &rows);
        ours.draw(|f| {
            *f.buffer_mut() = frame.clone();
            if let Some(p) = at {
                f.set_cursor_position(p);
            }
        })
        .unwrap();
        ours_vt.process(&out.take());
        let expected = reference(&frame, at);
        same_screen(expected.screen(), ours_vt.screen()).map_err(|e| format!("after step {i} {step:?}: {e}"))?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn shows_what_the_stock_backend_shows(steps in prop::collection::vec(step(), 1..25), regions in any::<bool>()) {
        if let Err(e) = run(&steps, regions) {
            prop_assert!(false, "{}", e);
        }
    }
}

/// A 100×30 list of Chinese rows in a border, the row `selected` highlighted,
/// the first shown row `offset`.
fn list_frame(buf: &mut ratatui::buffer::Buffer, offset: usize, selected: usize) {
    let area = buf.area;
    let names = ["余伟军", "买买提", "张三丰", "欧阳娜娜", "李四"];
    let texts = ["入户走访，了解家庭困难情况", "电话联系，反映小区停车问题", "上门送温暖，慰问独居老人"];
    buf.set_string(0, 0, "┌".to_string() + &"─".repeat(98) + "┐", Style::new());
    for y in 1..area.height - 1 {
        let n = offset + usize::from(y) - 1;
        let line = format!("{:>6} 2025-03-{:02} {} {}", n, n % 28 + 1, names[n % 5], texts[n % 3]);
        let style = if n == selected { Style::new().add_modifier(Modifier::REVERSED) } else { Style::new() };
        buf.set_string(0, y, "│", Style::new());
        buf.set_stringn(1, y, format!("{line:<98}"), 98, style);
        buf.set_string(99, y, "│", Style::new());
    }
    buf.set_string(0, area.height - 1, "└".to_string() + &"─".repeat(98) + "┘", Style::new());
}

fn bytes_for(regions: bool, from: (usize, usize), to: (usize, usize)) -> Vec<u8> {
    let mut screen = Screen::new(SilianBackend::with_size(Vec::new(), regions, 100, 30)).unwrap();
    screen.draw(|f| list_frame(f.buffer_mut(), from.0, from.1)).unwrap();
    screen.backend_mut().writer_mut().clear();
    screen.draw(|f| list_frame(f.buffer_mut(), to.0, to.1)).unwrap();
    std::mem::take(screen.backend_mut().writer_mut())
}

#[test]
fn moving_the_highlight_one_row_repaints_two_rows() {
    let out = bytes_for(true, (0, 5), (0, 6));
    assert!(out.len() <= 300, "{} bytes: {}", out.len(), String::from_utf8_lossy(&out));
}

#[test]
fn a_one_row_scroll_uses_the_scroll_region() {
    let out = bytes_for(true, (0, 27), (1, 28));
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("\x1b[S\x1b[r"), "{text:?}");
    assert!(out.len() <= 600, "{} bytes: {text:?}", out.len());
    let without = bytes_for(false, (0, 27), (1, 28));
    assert!(!String::from_utf8_lossy(&without).contains("\x1b[S"));
    assert!(without.len() > 4 * out.len(), "{} vs {}", without.len(), out.len());
}

#[test]
fn an_unchanged_frame_writes_nothing() {
    assert_eq!(bytes_for(true, (3, 7), (3, 7)).len(), 0);
}

#[test]
fn scroll_regions_are_off_for_dumb_terminals_and_on_request() {
    assert!(scroll_regions_wanted(Some("xterm-256color"), None));
    assert!(scroll_regions_wanted(Some("tmux-256color"), Some("0")));
    assert!(!scroll_regions_wanted(Some("dumb"), None));
    assert!(!scroll_regions_wanted(Some("linux"), None));
    assert!(!scroll_regions_wanted(None, None));
    assert!(!scroll_regions_wanted(Some("xterm"), Some("1")));
}

/// A bordered pane showing `value`, as the detail pane shows a field.
fn pane_frame(buf: &mut ratatui::buffer::Buffer, value: &str) {
    buf.set_string(0, 0, "│", Style::new());
    buf.set_string(1, 0, value, Style::new());
    buf.set_string(buf.area.width - 1, 0, "│", Style::new());
}

#[test]
fn a_shorter_value_before_a_border_is_erased_not_padded() {
    let mut screen = Screen::new(SilianBackend::with_size(Vec::new(), true, 60, 1)).unwrap();
    screen.draw(|f| pane_frame(f.buffer_mut(), "入户核对家庭信息，更新联系电话，反映楼道灯不亮")).unwrap();
    screen.backend_mut().writer_mut().clear();
    screen.draw(|f| pane_frame(f.buffer_mut(), "电话问候")).unwrap();
    let out = std::mem::take(screen.backend_mut().writer_mut());
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains('X') && !text.contains("          "), "{text:?}");
    assert!(out.len() < 40, "{} bytes: {text:?}", out.len());
    let mut seen = vt100::Parser::new(nz(1), nz(60), 0);
    let mut full = Screen::new(SilianBackend::with_size(Vec::new(), true, 60, 1)).unwrap();
    full.draw(|f| pane_frame(f.buffer_mut(), "入户核对家庭信息，更新联系电话，反映楼道灯不亮")).unwrap();
    full.draw(|f| pane_frame(f.buffer_mut(), "电话问候")).unwrap();
    seen.process(full.backend_mut().writer_mut());
    assert_eq!(seen.screen().contents().trim_end(), format!("│电话问候{}│", " ".repeat(50)));
}
